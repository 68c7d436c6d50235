import { type Control, Controller, type FieldPath, type FieldValues } from "react-hook-form";
import { NumberField, type NumberFieldProps } from "./number-field.js";

export interface FormNumberFieldProps<Values extends FieldValues, Transformed = Values>
  extends Omit<NumberFieldProps, "name" | "value" | "onChange" | "onBlur" | "inputRef" | "errorMessage"> {
  /** The form's control; `Transformed` is what its resolver turns valid values into. */
  control: Control<Values, unknown, Transformed>;
  name: FieldPath<Values>;
}

/** A NumberField bound to a react-hook-form field; an emptied input holds NaN, which the schema rejects. */
export function FormNumberField<Values extends FieldValues, Transformed = Values>({
  control,
  name,
  ...props
}: FormNumberFieldProps<Values, Transformed>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <NumberField
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
