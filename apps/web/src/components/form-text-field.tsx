import { type Control, Controller, type FieldPath, type FieldValues } from "react-hook-form";
import { TextField, type TextFieldProps } from "./text-field.js";

export interface FormTextFieldProps<Values extends FieldValues>
  extends Omit<TextFieldProps, "name" | "value" | "onChange" | "onBlur" | "inputRef" | "errorMessage"> {
  control: Control<Values>;
  name: FieldPath<Values>;
}

/**
 * A TextField bound to a react-hook-form field: value, blur (for "touched" validation), focus on the
 * first invalid field, and the field's error (from the shared Zod schema or set from a server issue).
 */
export function FormTextField<Values extends FieldValues>({ control, name, ...props }: FormTextFieldProps<Values>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          {...props}
          name={field.name}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          errorMessage={fieldState.error?.message}
        />
      )}
    />
  );
}
