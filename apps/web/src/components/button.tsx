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
 * `isPending` it is aria-disabled rather than natively disabled, so it keeps keyboard focus, ignores
 * presses, cannot submit its form a second time, and a polite status beside it tells screen readers.
 *
 * The pending state is kept here rather than passed to react-aria's `isPending`: react-aria announces it
 * with a role="img" node labelled by the button's id, which outlives a button that goes away when the
 * work is done (the booking form, on the way to the booking), leaving an unlabelled image that axe
 * reports (role-img-alt).
 */
export function Button({
  variant,
  size,
  fullWidth,
  className,
  children,
  pendingLabel,
  isPending = false,
  type,
  onPress,
  onPressStart,
  onPressEnd,
  onPressChange,
  onPressUp,
  ...props
}: ButtonProps) {
  const pressHandlers = isPending ? {} : { onPress, onPressStart, onPressEnd, onPressChange, onPressUp };
  return (
    <>
      <AriaButton
        {...props}
        {...pressHandlers}
        // A pending submit button stops implicit submission (Enter in a text field) too.
        type={isPending && type === "submit" ? "button" : type}
        aria-disabled={isPending || props["aria-disabled"] ? true : undefined}
        data-pending={isPending || undefined}
        className={classNames(buttonStyles({ variant, size, fullWidth }), className)}
      >
        {isPending ? (
          <>
            <Spinner />
            <span>{pendingLabel ?? children}</span>
          </>
        ) : (
          children
        )}
      </AriaButton>
      {/* Only while pending, so a page's own status messages stay the only ones once the work is done. */}
      {isPending ? (
        <span role="status" className="sr-only">
          {pendingLabel ?? children}
        </span>
      ) : null}
    </>
  );
}
