import type { IdempotencyService } from "@bookable/core";
import { type MiddlewareResult, middlewareMarker } from "@trpc/server/unstable-core-do-not-import";

interface IdempotentCall<TResult> {
  services: { idempotency: IdempotencyService };
  callerId: string;
  rawKey: string | undefined;
  /** The procedure's dotted path: part of the request, so one key cannot replay as another operation. */
  path: string;
  rawInput: unknown;
  next: () => Promise<TResult>;
}

/** Thrown through the idempotency service to mark a failed first attempt; never leaves this module. */
class FailedAttempt<TResult> {
  constructor(readonly result: TResult) {}
}

/**
 * Runs a mutation through the caller's Idempotency-Key (decision 032): the first success is stored sealed and
 * replayed for 24 hours; a failure (an error result) leaves the key free. The raw input is compared, as the
 * client sent it (object keys in any order), together with the procedure's path.
 */
export async function honourIdempotencyKey<TResult extends MiddlewareResult<object>>(
  call: IdempotentCall<TResult>,
): Promise<TResult> {
  if (call.rawKey === undefined) return call.next();
  try {
    const data = await call.services.idempotency.run(
      call.callerId,
      call.rawKey,
      { procedure: call.path, input: call.rawInput },
      async () => {
        const result = await call.next();
        if (!result.ok) throw new FailedAttempt(result);
        return result.data;
      },
    );
    // A replay never reaches the procedure, so its result is made here in tRPC's own middleware-result form.
    return { ok: true, data, marker: middlewareMarker } as TResult;
  } catch (thrown) {
    if (thrown instanceof FailedAttempt) return thrown.result as TResult;
    throw thrown;
  }
}
