/**
 * How long a `Retry-After` header asks to wait, in milliseconds: delay-seconds or an HTTP-date
 * (RFC 9110 §10.2.3). Null when the header is missing or unreadable, so the caller falls back to backoff.
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP-date names its weekday or month; without the letters, Date.parse would read "-5" as a year.
  if (!/[a-z]/i.test(value)) return null;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
