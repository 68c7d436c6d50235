import { createHash } from "node:crypto";
import { type Database, idempotencyKeys } from "@bookable/db";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { AppError } from "../app-error.js";

/** How long a key's first response is replayed; past it the key is free again (and pruned by the worker). */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
// A first request still "running" after this long died with its process; its key may be used again.
const ABANDONED_AFTER_MS = 2 * 60 * 1000;

/**
 * Runs `create` at most once per (caller, Idempotency-Key) within 24 hours. A repeat with the same body
 * gets the first response again; with another body, IDEMPOTENCY_KEY_REUSED (422); while the first is still
 * running, CONFLICT. A failed first attempt leaves no record, so it can simply be retried.
 */
export async function withIdempotency<T>(
  db: Database,
  userId: string,
  key: string | undefined,
  request: unknown,
  create: () => Promise<T>,
  now = new Date(),
): Promise<T> {
  if (key === undefined) return create();
  const requestHash = createHash("sha256").update(stableJson(request)).digest("hex");
  const thisKey = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));
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
    .values({ userId, key, requestHash })
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
    return first.responseBody as T;
  }
  let result: T;
  try {
    result = await create();
  } catch (error) {
    // Nothing was created, so the key is free for a retry.
    await db.delete(idempotencyKeys).where(thisKey);
    throw error;
  }
  // If recording the response fails, the key stays "in progress" (409) rather than free: a retry must
  // not create a second booking. It counts as abandoned after two minutes.
  await db.update(idempotencyKeys).set({ responseBody: result }).where(thisKey);
  return result;
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
  return JSON.stringify(value);
}
