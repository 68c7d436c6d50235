import { type Database, idempotencyKeys } from "@bookable/db";
import { lt, sql } from "drizzle-orm";
import { IDEMPOTENCY_KEY_LIFETIME_MS } from "../idempotency/with-idempotency.js";
import { PRUNE_BATCH_SIZE, pruneInBatches } from "./prune-in-batches.js";

/**
 * Deletes Idempotency-Key records past their 24 hours, so the table does not grow forever. A key past its
 * time is replaced anyway when it is used again (withIdempotency), so when the prune runs changes no answer.
 */
export function pruneExpiredIdempotencyKeys(db: Database, now = new Date(), batchSize = PRUNE_BATCH_SIZE): Promise<number> {
  return pruneInBatches(batchSize, async (limit) => {
    const due = db
      .select({ userId: idempotencyKeys.userId, key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEY_LIFETIME_MS)))
      .limit(limit);
    // The key is two columns, compared as a row with the batch (Drizzle puts the subquery in parentheses).
    const deleted = await db
      .delete(idempotencyKeys)
      .where(sql`(${idempotencyKeys.userId}, ${idempotencyKeys.key}) in ${due}`)
      .returning({ key: idempotencyKeys.key });
    return deleted.length;
  });
}
