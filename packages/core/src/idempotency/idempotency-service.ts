import type { Database } from "@bookable/db";
import { createIdempotencyCipher } from "./idempotency-cipher.js";
import { withIdempotency } from "./with-idempotency.js";

export interface IdempotencyServiceDependencies {
  db: Database;
  /** The deployment's key material (NOTIFICATION_SECRET_KEY or DATA_DIR's key file); see decision 032. */
  serverSecret: string;
}

/** Safe retries of every state-changing call: the API runs each mutation of a signed-in caller through it. */
export interface IdempotencyService {
  /**
   * Runs `perform` at most once per (caller, Idempotency-Key) for 24 hours; `request` names the operation and
   * its input, so the same key for another operation or body answers IDEMPOTENCY_KEY_REUSED. Without a key,
   * simply runs it.
   */
  run<T>(callerId: string, rawKey: string | undefined, request: unknown, perform: () => Promise<T>): Promise<T>;
}

export function createIdempotencyService(deps: IdempotencyServiceDependencies): IdempotencyService {
  const cipher = createIdempotencyCipher(deps.serverSecret);
  return {
    run: (callerId, rawKey, request, perform) => withIdempotency(deps.db, cipher, callerId, rawKey, request, perform),
  };
}
