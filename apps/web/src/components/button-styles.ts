import { classNames } from "../lib/class-names.js";

export type ButtonVariant = "primary" | "secondary" | "quiet" | "danger";
export type ButtonSize = "medium" | "large";

export interface ButtonStyleOptions {
  variant?: ButtonVariant | undefined;
  size?: ButtonSize | undefined;
  fullWidth?: boolean | undefined;
}

const variantClasses: Record<ButtonVariant, string> = {
  primary: "bg-accent-700 text-white shadow-sm hover:bg-accent-800 active:bg-accent-900 data-pressed:bg-accent-900",
  secondary:
    "border border-stone-300 bg-white text-stone-800 shadow-xs hover:bg-stone-100 active:bg-stone-200 data-pressed:bg-stone-200",
  quiet: "text-stone-700 hover:bg-stone-200/60 hover:text-stone-900 active:bg-stone-200 data-pressed:bg-stone-200",
  // For the confirming press of something that cannot be undone (revoking a key).
  danger: "bg-red-700 text-white shadow-sm hover:bg-red-800 active:bg-red-900 data-pressed:bg-red-900",
};

const sizeClasses: Record<ButtonSize, string> = {
  medium: "h-10 px-4 text-sm",
  large: "h-12 px-6 text-base",
};

/**
 * The button look as a class string, shared by `Button` and `ButtonLink` so that a link that
 * acts as a call to action looks exactly like a button without pretending to be one.
 */
export function buttonStyles({ variant = "primary", size = "medium", fullWidth = false }: ButtonStyleOptions = {}): string {
  return classNames(
    "inline-flex items-center justify-center gap-2 rounded-lg font-medium whitespace-nowrap transition-colors select-none",
    "outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600",
    "disabled:cursor-not-allowed disabled:opacity-50 data-pending:cursor-wait data-pending:opacity-80",
    variantClasses[variant],
    sizeClasses[size],
    fullWidth && "w-full",
  );
}
