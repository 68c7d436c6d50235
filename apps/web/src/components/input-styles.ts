import { classNames } from "../lib/class-names.js";

/**
 * The look of every text-like control (input, textarea, select), so fields of different kinds line up
 * in one form. Invalid state comes from react-aria's `data-invalid` or the native `aria-invalid`; the width
 * is left to each control.
 */
export const inputStyles = classNames(
  "rounded-lg border border-stone-300 bg-white px-3 text-base text-stone-900 shadow-xs transition-colors sm:text-sm",
  "placeholder:text-stone-400 hover:border-stone-400",
  "outline-none focus-visible:border-accent-600 focus-visible:ring-3 focus-visible:ring-accent-600/20",
  "data-invalid:border-red-600 data-invalid:focus-visible:ring-red-600/20",
  "aria-invalid:border-red-600 aria-invalid:focus-visible:ring-red-600/20",
  "disabled:cursor-not-allowed disabled:bg-stone-100 disabled:text-stone-500",
);
