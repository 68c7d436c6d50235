/**
 * The waits before each retry of a failed delivery, as multiples of the base delay (WEBHOOK_RETRY_BASE_SECONDS,
 * 5 s by default): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h — eight attempts over about 31.6 hours, so a
 * receiver down for a day still gets every event. The base is configurable so tests run the schedule in seconds.
 */
const RETRY_DELAY_MULTIPLES = [1, 60, 360, 1440, 3600, 7200, 10_080] as const;

/** Attempts a delivery gets in all: the first and one per retry delay. */
export const WEBHOOK_MAX_ATTEMPTS = RETRY_DELAY_MULTIPLES.length + 1;

/**
 * When to try again after the `attempts`-th failed attempt (1 after the first), or null when that was the last.
 */
export function nextWebhookAttemptAt(attempts: number, baseSeconds: number, now: Date): Date | null {
  const multiple = RETRY_DELAY_MULTIPLES[attempts - 1];
  if (multiple === undefined) return null;
  return new Date(now.getTime() + multiple * baseSeconds * 1000);
}
