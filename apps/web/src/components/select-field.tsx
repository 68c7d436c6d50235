import { type ComponentProps, useId } from "react";
import { classNames } from "../lib/class-names.js";
import { inputStyles } from "./input-styles.js";

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends Omit<ComponentProps<"select">, "className" | "children" | "onChange"> {
  label: string;
  options: readonly SelectOption[];
  value: string;
  onChange: (value: string) => void;
  className?: string;
}

/**
 * A labelled native <select>: for a short list of filter choices it is the most accessible control
 * there is, on every device, with no popover to manage.
 */
export function SelectField({ label, options, value, onChange, className, ...props }: SelectFieldProps) {
  const id = useId();
  return (
    <div className={classNames("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      <select
        {...props}
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className={classNames(inputStyles, "h-11 w-full pr-8 sm:h-10")}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
