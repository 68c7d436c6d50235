import { type Database, notifications } from "@bookable/db";
import { and, inArray, lt } from "drizzle-orm";
import { PRUNE_BATCH_SIZE, pruneInBatches } from "./prune-in-batches.js";

/**
 * Delivery-log statuses after which nothing more happens to a message: sent or skipped, dead (an admin had
 * the retention period to retry it), or the provider's final word on it. `queued`, `sending` and `retrying`
 * rows are still on their way and are never pruned, however old.
 */
export const FINISHED_NOTIFICATION_STATUSES = [
  "sent",
  "skipped",
  "dead",
  "delivered",
  "bounced",
  "complained",
  "failed",
] as const;

/** Deletes finished delivery-log rows last changed before `before` (RETENTION_DAYS_NOTIFICATIONS). */
export function pruneFinishedNotifications(db: Database, before: Date, batchSize = PRUNE_BATCH_SIZE): Promise<number> {
  return pruneInBatches(batchSize, async (limit) => {
    const due = db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(inArray(notifications.status, [...FINISHED_NOTIFICATION_STATUSES]), lt(notifications.updatedAt, before)))
      .limit(limit);
    const deleted = await db.delete(notifications).where(inArray(notifications.id, due)).returning({ id: notifications.id });
    return deleted.length;
  });
}
