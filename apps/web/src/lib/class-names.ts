/** Joins the class names that apply, skipping the conditional ones that are off. */
export function classNames(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
