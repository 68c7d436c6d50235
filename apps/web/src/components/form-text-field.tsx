import { type Control, Controller, type FieldPath, type FieldValues } from "react-hook-form";
import { TextField, type TextFieldProps } from "./text-field.js";

export interface FormTextFieldProps<Values extends FieldValues, Transformed = Values>
  extends Omit<TextFieldProps, "name" | "value" | "onChange" | "onBlur" | "inputRef" | "errorMessage"> {
  /** The form's control; `Transformed` is what its resolver turns valid values into. */
  control: Control<Values, unknown, Transformed>;
  name: FieldPath<Values>;
  /** Stores an empty input as `undefined`, for optional fields whose schema rejects "" (a phone number). */
  emptyAsUndefined?: boolean | undefined;
}

/**
 * A TextField bound to a react-hook-form field: value, blur (for "touched" validation), focus on the
 * first invalid field, and the field's error (from the shared Zod schema or set from a server issue).
 */
export function FormTextField<Values extends FieldValues, Transformed = Values>({
  control,
  name,
  emptyAsUndefined = false,
  ...props
}: FormTextFieldProps<Values, Transformed>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          {...props}
          name={field.name}
          value={field.value ?? ""}
          onChange={(value) => field.onChange(emptyAsUndefined && value === "" ? undefined : value)}
          onBlur={field.onBlur}
          inputRef={field.ref}
          errorMessage={fieldState.error?.message}
        />
      )}
    />
  );
}
