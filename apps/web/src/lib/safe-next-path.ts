/**
 * The in-app path to continue to after signing in, taken from a `next` query parameter; `fallback`
 * unless it is a path on this site. Anything else ("//evil.example", "https://…", "/\\evil") would
 * turn the sign-in page into an open redirect (OWASP "Unvalidated Redirects and Forwards").
 */
export function safeNextPath(next: string | null | undefined, fallback = "/account"): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  try {
    const origin = window.location.origin;
    const url = new URL(next, origin);
    if (url.origin !== origin) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
