import type { ReactNode } from "react";
import { Checkbox as AriaCheckbox, type CheckboxProps as AriaCheckboxProps } from "react-aria-components";
import { classNames } from "../lib/class-names.js";

export interface CheckboxProps extends Omit<AriaCheckboxProps, "className" | "children"> {
  children: ReactNode;
  className?: string;
}

/** A labelled checkbox on react-aria's (a real, visually hidden <input type="checkbox"> underneath). */
export function Checkbox({ children, className, ...props }: CheckboxProps) {
  return (
    <AriaCheckbox
      {...props}
      className={classNames("group flex items-center gap-2.5 text-sm text-stone-800 data-disabled:opacity-50", className)}
    >
      {({ isSelected }) => (
        <>
          <span
            aria-hidden="true"
            className={classNames(
              "flex size-5 shrink-0 items-center justify-center rounded border transition-colors",
              "group-data-focus-visible:outline-2 group-data-focus-visible:outline-offset-2 group-data-focus-visible:outline-accent-600",
              isSelected ? "border-accent-700 bg-accent-700 text-white" : "border-stone-400 bg-white",
            )}
          >
            {isSelected ? (
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
                <path
                  fillRule="evenodd"
                  d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
                  clipRule="evenodd"
                />
              </svg>
            ) : null}
          </span>
          <span>{children}</span>
        </>
      )}
    </AriaCheckbox>
  );
}
