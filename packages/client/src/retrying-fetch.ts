import { retryAfterMs } from "./retry-after.js";
import type { TokenSession } from "./token-session.js";

export type FetchFunction = (request: Request) => Promise<Response>;

export interface RetryPolicy {
  /** Retries after a network error, a 429 or a 503 (the first attempt is not counted). */
  maxRetries: number;
  /** The longest wait between attempts, whatever `Retry-After` asks. */
  maxDelayMs: number;
  /** The first backoff without `Retry-After`; it doubles with each retry. */
  baseDelayMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Statuses that say "not now" rather than "no": the request had no effect and may be sent again. */
const RETRYABLE_STATUSES = new Set([429, 503]);

/**
 * The fetch the typed client sends through. It sends copies of the request, so the same request (with the
 * same Idempotency-Key, set before it got here) can go again:
 * - after a network error, a 429 or a 503, waiting `Retry-After` (capped) or an exponential backoff, at most
 *   `maxRetries` times; the last answer (or error) is the caller's;
 * - after a 401 to the client's own access token, once, with the access token of a refreshed pair. A failed
 *   refresh leaves the 401 as the answer.
 */
export function retryingFetch(send: FetchFunction, session: TokenSession, policy: RetryPolicy): FetchFunction {
  const sendWithRetries = async (request: Request): Promise<Response> => {
    for (let retry = 0; ; retry += 1) {
      const outcome = await send(request.clone()).then(
        (response) => ({ response }),
        (error: unknown) => ({ error }),
      );
      const giveUp = retry >= policy.maxRetries || request.signal.aborted;
      if ("error" in outcome) {
        if (giveUp || isAbort(outcome.error)) throw outcome.error;
        await policy.sleep(backoffMs(policy, retry), request.signal);
        continue;
      }
      const { response } = outcome;
      if (!RETRYABLE_STATUSES.has(response.status) || giveUp) return response;
      const asked = retryAfterMs(response.headers.get("Retry-After"));
      await response.body?.cancel();
      await policy.sleep(Math.min(asked ?? backoffMs(policy, retry), policy.maxDelayMs), request.signal);
    }
  };

  return async (request) => {
    const response = await sendWithRetries(request);
    const sentToken = session.accessTokenOf(request);
    if (response.status !== 401 || sentToken === undefined) return response;
    if (!(await session.refresh(sentToken))) return response;
    const accessToken = session.tokens?.accessToken;
    if (accessToken === undefined) return response;
    await response.body?.cancel();
    const again = request.clone();
    again.headers.set("Authorization", `Bearer ${accessToken}`);
    return sendWithRetries(again);
  };
}

function backoffMs(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.baseDelayMs * 2 ** retry, policy.maxDelayMs);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/** Waits `ms`, or rejects as soon as the request is aborted. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
