// Keeps an adapter's requests to a provider within the provider's rate (issue 13): Resend allows 5 requests a
// second per team by default, a Twilio long code sends 1 message a second. Every request of the adapter waits
// for a slot here, so callers (the notification worker) may call the adapter as concurrently as they like.
import { setTimeout as sleep } from "node:timers/promises";
import pThrottle from "p-throttle";

export interface RequestPacerOptions {
  /** Requests the provider allows per second (a whole number, at least 1). */
  perSecond: number;
  /**
   * Added to the second the requests are counted in. The provider counts a request when it arrives; a request
   * sent later but delayed less on the way could otherwise land one too many in the provider's second.
   */
  marginMs?: number | undefined;
}

/** Milliseconds added to each second by default: more than the jitter between two requests on one connection. */
export const DEFAULT_PACER_MARGIN_MS = 100;

/**
 * At most `perSecond` requests start in any window of a second (plus the margin): p-throttle's strict mode,
 * which throttles each call against a sliding window rather than in fixed bursts, so whichever way the provider
 * cuts its seconds the count stays within the limit. A provider's 429 pauses every request of the adapter
 * until the time the provider named (`pauseFor`), not only the one that was refused.
 */
export class RequestPacer {
  readonly #slot: () => Promise<boolean>;
  #pausedUntil = 0;

  constructor(options: RequestPacerOptions) {
    if (!Number.isInteger(options.perSecond) || options.perSecond < 1) {
      throw new Error(`A request pacer needs a whole number of requests per second, got ${options.perSecond}`);
    }
    const throttle = pThrottle({
      limit: options.perSecond,
      interval: 1000 + (options.marginMs ?? DEFAULT_PACER_MARGIN_MS),
      strict: true,
    });
    // A slot taken while a pause began after it was queued is given up rather than used: the request waits for
    // the pause to end and queues again, so the requests held back by a pause do not all start when it ends.
    this.#slot = throttle(async () => Date.now() >= this.#pausedUntil);
  }

  /**
   * Waits for a slot to start one request. False when the request could not start before `deadline`
   * (epoch milliseconds): the caller gives up without sending.
   */
  async acquire(deadline: number): Promise<boolean> {
    for (;;) {
      const pause = this.#pausedUntil - Date.now();
      if (pause > 0) {
        if (this.#pausedUntil > deadline) return false;
        await sleep(pause);
      }
      if (await this.#slot()) return Date.now() <= deadline;
    }
  }

  /** Holds back every request for `ms` milliseconds from now, e.g. as a 429's Retry-After says. */
  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms);
  }
}
