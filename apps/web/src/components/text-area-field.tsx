import type { Ref } from "react";
import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  Label,
  Text,
  TextArea,
} from "react-aria-components";
import { classNames } from "../lib/class-names.js";
import { FieldErrorMessage } from "./field-error-message.js";
import { inputStyles } from "./input-styles.js";

export interface TextAreaFieldProps extends Omit<AriaTextFieldProps, "className" | "children" | "validationBehavior"> {
  label: string;
  description?: string | undefined;
  errorMessage?: string | undefined;
  placeholder?: string | undefined;
  /** Visible height in lines of text. */
  rows?: number | undefined;
  inputRef?: Ref<HTMLTextAreaElement> | undefined;
  className?: string | undefined;
}

/** A labelled multi-line input (notes, descriptions), wired like `TextField`. */
export function TextAreaField({
  label,
  description,
  errorMessage,
  placeholder,
  rows = 3,
  inputRef,
  className,
  isInvalid,
  ...props
}: TextAreaFieldProps) {
  return (
    <AriaTextField
      {...props}
      isInvalid={isInvalid ?? Boolean(errorMessage)}
      validationBehavior="aria"
      className={classNames("group flex flex-col gap-1.5", className)}
    >
      <Label className="text-sm font-medium text-stone-800">{label}</Label>
      <TextArea ref={inputRef} placeholder={placeholder} rows={rows} className={classNames(inputStyles, "w-full py-2")} />
      {description ? (
        <Text slot="description" className="text-sm text-stone-500">
          {description}
        </Text>
      ) : null}
      {errorMessage ? <FieldErrorMessage>{errorMessage}</FieldErrorMessage> : null}
    </AriaTextField>
  );
}
