import { Form as AriaForm, type FormProps as AriaFormProps } from "react-aria-components";
import { classNames } from "../lib/class-names.js";

export interface FormProps extends Omit<AriaFormProps, "className" | "validationBehavior"> {
  className?: string;
}

/**
 * A form that leaves validation to our Zod schemas: react-aria's "aria" behaviour sets noValidate,
 * so the browser's own bubbles never compete with the messages shown beside each field.
 */
export function Form({ className, ...props }: FormProps) {
  return <AriaForm {...props} validationBehavior="aria" className={classNames("flex flex-col gap-5", className)} />;
}
