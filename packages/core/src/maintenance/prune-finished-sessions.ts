import { type Database, sessions } from "@bookable/db";
import { inArray, lt, or } from "drizzle-orm";
import { PRUNE_BATCH_SIZE, pruneInBatches } from "./prune-in-batches.js";

/**
 * Deletes sessions that ended before `before` (RETENTION_DAYS_SESSIONS): expired then, or revoked then. An
 * ended session never becomes live again (sign-in checks both before renewing), so a live one is never
 * touched. Their refresh tokens go with them (foreign key, on delete cascade).
 */
export function pruneFinishedSessions(db: Database, before: Date, batchSize = PRUNE_BATCH_SIZE): Promise<number> {
  return pruneInBatches(batchSize, async (limit) => {
    const due = db
      .select({ id: sessions.id })
      .from(sessions)
      .where(or(lt(sessions.expiresAt, before), lt(sessions.revokedAt, before)))
      .limit(limit);
    const deleted = await db.delete(sessions).where(inArray(sessions.id, due)).returning({ id: sessions.id });
    return deleted.length;
  });
}
