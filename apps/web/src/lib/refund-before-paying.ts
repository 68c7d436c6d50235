const HOUR = 3_600_000;

/**
 * The free-cancellation policy as it stands for a slot before it is paid (issue 15), the same rule as the
 * server's (packages/core, freeCancellationUntil): cancelling refunds in full until `freeCancellationHours`
 * before the start, and nothing after. "ended" when that moment has already passed, so paying now means
 * paying for something that can no longer be cancelled for free.
 */
export type RefundBeforePaying = { state: "free"; until: Date } | { state: "ended"; endedAt: Date };

export function freeCancellationUntil(start: string, freeCancellationHours: number): Date {
  return new Date(Date.parse(start) - freeCancellationHours * HOUR);
}

export function refundBeforePaying(freeUntil: Date, now: number = Date.now()): RefundBeforePaying {
  return now < freeUntil.getTime() ? { state: "free", until: freeUntil } : { state: "ended", endedAt: freeUntil };
}
