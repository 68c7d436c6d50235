/**
 * A request URL's path as Fastify routes it, percent-decoded, so `/%74rpc/x` is judged like `/trpc/x`
 * (issue 11: exemptions matched on the raw URL were skipped by encoding); null when it cannot be decoded.
 */
export function decodedRequestPath(url: string): string | null {
  const path = url.split("?")[0] ?? "";
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
