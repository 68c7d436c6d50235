import type { ReactNode, Ref } from "react";
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from "react-aria-components";
import { classNames } from "../lib/class-names.js";
import { type ButtonStyleOptions, buttonStyles } from "./button-styles.js";
import { Spinner } from "./spinner.js";

export interface ButtonProps extends Omit<AriaButtonProps, "className" | "children">, ButtonStyleOptions {
  className?: string;
  children: ReactNode;
  /** Text shown with a spinner while `isPending`, e.g. "Creating account…"; defaults to `children`. */
  pendingLabel?: ReactNode;
  /** For moving focus back to the button, e.g. after a confirmation it opened closes. */
  ref?: Ref<HTMLButtonElement>;
}

/**
 * A button on react-aria's, which handles press events across mouse, touch and keyboard. While
 * `isPending` it is aria-disabled rather than natively disabled, so it keeps keyboard focus and
 * screen readers announce the change, and it cannot submit its form a second time.
 */
export function Button({ variant, size, fullWidth, className, children, pendingLabel, ...props }: ButtonProps) {
  return (
    <AriaButton {...props} className={classNames(buttonStyles({ variant, size, fullWidth }), className)}>
      {({ isPending }) =>
        isPending ? (
          <>
            <Spinner />
            <span>{pendingLabel ?? children}</span>
          </>
        ) : (
          children
        )
      }
    </AriaButton>
  );
}
