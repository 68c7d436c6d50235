import type { Ref } from "react";
import {
  NumberField as AriaNumberField,
  type NumberFieldProps as AriaNumberFieldProps,
  Input,
  Label,
  Text,
} from "react-aria-components";
import { classNames } from "../lib/class-names.js";
import { FieldErrorMessage } from "./field-error-message.js";
import { inputStyles } from "./input-styles.js";

export interface NumberFieldProps extends Omit<AriaNumberFieldProps, "className" | "children" | "validationBehavior"> {
  label: string;
  description?: string | undefined;
  errorMessage?: string | undefined;
  inputRef?: Ref<HTMLInputElement> | undefined;
  className?: string | undefined;
}

/**
 * A labelled number input on react-aria's NumberField: it parses in the person's locale ("1,5" in
 * German), keeps the value a number, and steps with the arrow keys.
 */
export function NumberField({ label, description, errorMessage, inputRef, className, isInvalid, ...props }: NumberFieldProps) {
  return (
    <AriaNumberField
      {...props}
      isInvalid={isInvalid ?? Boolean(errorMessage)}
      validationBehavior="aria"
      className={classNames("group flex flex-col gap-1.5", className)}
    >
      <Label className="text-sm font-medium text-stone-800">{label}</Label>
      <Input ref={inputRef} className={classNames(inputStyles, "h-11 w-full tabular-nums sm:h-10")} />
      {description ? (
        <Text slot="description" className="text-sm text-stone-500">
          {description}
        </Text>
      ) : null}
      {errorMessage ? <FieldErrorMessage>{errorMessage}</FieldErrorMessage> : null}
    </AriaNumberField>
  );
}
