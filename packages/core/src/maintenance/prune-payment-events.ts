import { type Database, paymentEvents } from "@bookable/db";
import { inArray, lt } from "drizzle-orm";
import { PRUNE_BATCH_SIZE, pruneInBatches } from "./prune-in-batches.js";

/**
 * Deletes processed provider events received before `before` (RETENTION_DAYS_PAYMENT_EVENTS). They only
 * guard against a replay; Stripe stops retrying a webhook delivery after three days.
 */
export function prunePaymentEvents(db: Database, before: Date, batchSize = PRUNE_BATCH_SIZE): Promise<number> {
  return pruneInBatches(batchSize, async (limit) => {
    const due = db.select({ id: paymentEvents.id }).from(paymentEvents).where(lt(paymentEvents.receivedAt, before)).limit(limit);
    const deleted = await db.delete(paymentEvents).where(inArray(paymentEvents.id, due)).returning({ id: paymentEvents.id });
    return deleted.length;
  });
}
