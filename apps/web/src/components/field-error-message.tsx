import { FieldError } from "react-aria-components";

export interface FieldErrorMessageProps {
  children: string;
}

/**
 * A field's error under it, inside a react-aria field (TextField, NumberField…), which links it to the
 * input with aria-describedby so it is read out with the field.
 */
export function FieldErrorMessage({ children }: FieldErrorMessageProps) {
  return (
    <FieldError className="flex items-start gap-1.5 text-sm font-medium text-red-700">
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
        <path
          fillRule="evenodd"
          d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      <span>{children}</span>
    </FieldError>
  );
}
