import { type Database, idempotencyKeys } from "@bookable/db";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { AppError } from "../app-error.js";
import type { IdempotencyCipher } from "./idempotency-cipher.js";

/** How long a key's first response is replayed; past it the key is free again (and pruned by the worker). */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
// A first request still "running" after this long died with its process; its key may be used again.
const ABANDONED_AFTER_MS = 2 * 60 * 1000;
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/** A stored first response: sealed, so the row alone replays nothing (decision 032). */
interface StoredResponse {
  sealed: string;
}

/**
 * Runs `perform` at most once per (caller, Idempotency-Key) within 24 hours. A repeat with the same request
 * gets the first response again; with another request, IDEMPOTENCY_KEY_REUSED (422); while the first is still
 * running, CONFLICT (409). A failed first attempt leaves no record, so it can simply be retried. The row holds
 * only an HMAC of the key, a keyed hash of the request and the response sealed under the raw key.
 */
export async function withIdempotency<T>(
  db: Database,
  cipher: IdempotencyCipher,
  callerId: string,
  rawKey: string | undefined,
  request: unknown,
  perform: () => Promise<T>,
  now = new Date(),
): Promise<T> {
  if (rawKey === undefined) return perform();
  requireValidKey(rawKey);
  const key = cipher.lookup(callerId, rawKey);
  const requestHash = cipher.requestHash(rawKey, stableJson(request));
  const thisKey = and(eq(idempotencyKeys.userId, callerId), eq(idempotencyKeys.key, key));
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        thisKey,
        or(
          lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS)),
          and(isNull(idempotencyKeys.responseBody), lt(idempotencyKeys.createdAt, new Date(now.getTime() - ABANDONED_AFTER_MS))),
        ),
      ),
    );
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ userId: callerId, key, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) {
    const [first] = await db.select().from(idempotencyKeys).where(thisKey);
    if (!first) throw new AppError("CONFLICT", "The request with this Idempotency-Key just failed; retry");
    if (first.requestHash !== requestHash) {
      throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request");
    }
    if (first.responseBody === null)
      throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being processed");
    const stored = first.responseBody as StoredResponse;
    return (JSON.parse(cipher.open(rawKey, stored.sealed, key)) as { value: T }).value;
  }
  let result: T;
  try {
    result = await perform();
  } catch (error) {
    // Nothing was changed, so the key is free for a retry.
    await db.delete(idempotencyKeys).where(thisKey);
    throw error;
  }
  // If recording the response fails, the key stays "in progress" (409) rather than free: a retry must
  // not do the change twice. It counts as abandoned after two minutes.
  const stored: StoredResponse = { sealed: cipher.seal(rawKey, JSON.stringify({ value: result }), key) };
  await db.update(idempotencyKeys).set({ responseBody: stored }).where(thisKey);

  return result;
}

function requireValidKey(rawKey: string): void {
  if (!VALID_KEY.test(rawKey)) {
    throw new AppError("BAD_REQUEST", "The Idempotency-Key must be 1–255 visible ASCII characters", {
      issues: [{ path: "Idempotency-Key", message: "1–255 visible ASCII characters" }],
    });
  }
}

/** JSON with object keys sorted, so the same body in another key order hashes the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, entry]) => `${JSON.stringify(name)}:${stableJson(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
