import { type Control, Controller, type FieldPath, type FieldValues } from "react-hook-form";
import { TextAreaField, type TextAreaFieldProps } from "./text-area-field.js";

export interface FormTextAreaFieldProps<Values extends FieldValues, Transformed = Values>
  extends Omit<TextAreaFieldProps, "name" | "value" | "onChange" | "onBlur" | "inputRef" | "errorMessage"> {
  /** The form's control; `Transformed` is what its resolver turns valid values into. */
  control: Control<Values, unknown, Transformed>;
  name: FieldPath<Values>;
}

/** A TextAreaField bound to a react-hook-form field, like `FormTextField`. */
export function FormTextAreaField<Values extends FieldValues, Transformed = Values>({
  control,
  name,
  ...props
}: FormTextAreaFieldProps<Values, Transformed>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextAreaField
          {...props}
          name={field.name}
          value={field.value ?? ""}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          errorMessage={fieldState.error?.message}
        />
      )}
    />
  );
}
