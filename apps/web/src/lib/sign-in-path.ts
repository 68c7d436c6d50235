/**
 * The sign-in page that brings the person back to `path` afterwards. "/" stays readable in the query
 * string ("?next=/resources/…"); everything else is encoded.
 */
export function signInPath(path: string): string {
  return `/sign-in?next=${encodeURIComponent(path).replaceAll("%2F", "/")}`;
}
