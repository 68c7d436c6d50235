import type { Ref } from "react";
import { TextField as AriaTextField, type TextFieldProps as AriaTextFieldProps, Input, Label, Text } from "react-aria-components";
import { classNames } from "../lib/class-names.js";
import { FieldErrorMessage } from "./field-error-message.js";
import { inputStyles } from "./input-styles.js";

export interface TextFieldProps extends Omit<AriaTextFieldProps, "className" | "children" | "validationBehavior"> {
  /** Visible label; also the input's accessible name. */
  label: string;
  /**
   * Keeps the label for screen readers only, for inputs whose meaning the layout already shows (the
   * "from" and "to" of an opening-hours row); the accessible name can then say more than fits.
   */
  hideLabel?: boolean | undefined;
  /** Help shown under the input and linked to it with aria-describedby. */
  description?: string | undefined;
  /** When set, the field is invalid and this message is shown and linked to the input. */
  errorMessage?: string | undefined;
  placeholder?: string | undefined;
  /** Mobile keyboards capitalise the first letter unless told not to ("none" for handles, codes). */
  autoCapitalize?: "none" | "sentences" | "words" | "characters" | undefined;
  /** The id of a <datalist> of suggestions (time zones), which the browser offers as the person types. */
  list?: string | undefined;
  /** Ref to the <input> itself, so a form library can focus the first invalid field. */
  inputRef?: Ref<HTMLInputElement> | undefined;
  className?: string | undefined;
  /** Classes for the <input> itself, e.g. a fixed width for a short value while the error below may be wider. */
  inputClassName?: string | undefined;
}

/**
 * A labelled text input. react-aria ties the label, description and error message to the input
 * (aria-labelledby, aria-describedby, aria-invalid), so errors are read out with the field.
 * Validation is left to the form ("aria" behaviour): the browser's own bubbles never appear.
 */
export function TextField({
  label,
  hideLabel = false,
  description,
  errorMessage,
  placeholder,
  autoCapitalize,
  list,
  inputRef,
  className,
  inputClassName,
  isInvalid,
  ...props
}: TextFieldProps) {
  return (
    <AriaTextField
      {...props}
      isInvalid={isInvalid ?? Boolean(errorMessage)}
      validationBehavior="aria"
      className={classNames("group flex flex-col gap-1.5", className)}
    >
      <Label className={hideLabel ? "sr-only" : "text-sm font-medium text-stone-800"}>{label}</Label>
      <Input
        ref={inputRef}
        placeholder={placeholder}
        autoCapitalize={autoCapitalize}
        list={list}
        className={classNames(inputStyles, "h-11 sm:h-10", inputClassName ?? "w-full")}
      />
      {description ? (
        <Text slot="description" className="text-sm text-stone-500">
          {description}
        </Text>
      ) : null}
      {errorMessage ? <FieldErrorMessage>{errorMessage}</FieldErrorMessage> : null}
    </AriaTextField>
  );
}
