import type { Ref } from "react";
import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  FieldError,
  Input,
  Label,
  Text,
} from "react-aria-components";
import { classNames } from "../lib/class-names.js";

export interface TextFieldProps extends Omit<AriaTextFieldProps, "className" | "children" | "validationBehavior"> {
  /** Visible label; also the input's accessible name. */
  label: string;
  /** Help shown under the input and linked to it with aria-describedby. */
  description?: string | undefined;
  /** When set, the field is invalid and this message is shown and linked to the input. */
  errorMessage?: string | undefined;
  placeholder?: string | undefined;
  /** Mobile keyboards capitalise the first letter unless told not to ("none" for handles, codes). */
  autoCapitalize?: "none" | "sentences" | "words" | "characters" | undefined;
  /** Ref to the <input> itself, so a form library can focus the first invalid field. */
  inputRef?: Ref<HTMLInputElement> | undefined;
  className?: string | undefined;
}

/**
 * A labelled text input. react-aria ties the label, description and error message to the input
 * (aria-labelledby, aria-describedby, aria-invalid), so errors are read out with the field.
 * Validation is left to the form ("aria" behaviour): the browser's own bubbles never appear.
 */
export function TextField({
  label,
  description,
  errorMessage,
  placeholder,
  autoCapitalize,
  inputRef,
  className,
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
      <Label className="text-sm font-medium text-stone-800">{label}</Label>
      <Input
        ref={inputRef}
        placeholder={placeholder}
        autoCapitalize={autoCapitalize}
        className={classNames(
          "h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-base text-stone-900 shadow-xs transition-colors sm:h-10 sm:text-sm",
          "placeholder:text-stone-400 hover:border-stone-400",
          "outline-none focus-visible:border-accent-600 focus-visible:ring-3 focus-visible:ring-accent-600/20",
          "data-invalid:border-red-600 data-invalid:focus-visible:ring-red-600/20",
          "disabled:cursor-not-allowed disabled:bg-stone-100 disabled:text-stone-500",
        )}
      />
      {description ? (
        <Text slot="description" className="text-sm text-stone-500">
          {description}
        </Text>
      ) : null}
      {errorMessage ? (
        <FieldError className="flex items-start gap-1.5 text-sm font-medium text-red-700">
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
            <path
              fillRule="evenodd"
              d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
              clipRule="evenodd"
            />
          </svg>
          <span>{errorMessage}</span>
        </FieldError>
      ) : null}
    </AriaTextField>
  );
}
