import { type Database, oneTimeTokens, refreshTokens } from "@bookable/db";
import { and, inArray, lt, lte, or } from "drizzle-orm";
import { PRUNE_BATCH_SIZE, pruneInBatches } from "./prune-in-batches.js";

export interface PrunedTokens {
  oneTimeTokens: number;
  refreshTokens: number;
}

/**
 * Deletes tokens finished before `before` (RETENTION_DAYS_TOKENS), never one still unexpired at `now`:
 * - one-time tokens (email verification, password reset) used or expired before it;
 * - refresh tokens expired before it. A used (rotated) refresh token is kept until it expires: presenting it
 *   again is how a stolen copy is noticed and its session revoked. Past expiry it is refused either way.
 */
export async function pruneFinishedTokens(
  db: Database,
  before: Date,
  now: Date,
  batchSize = PRUNE_BATCH_SIZE,
): Promise<PrunedTokens> {
  const oneTime = await pruneInBatches(batchSize, async (limit) => {
    const due = db
      .select({ tokenHash: oneTimeTokens.tokenHash })
      .from(oneTimeTokens)
      .where(and(lte(oneTimeTokens.expiresAt, now), or(lt(oneTimeTokens.expiresAt, before), lt(oneTimeTokens.usedAt, before))))
      .limit(limit);
    const deleted = await db
      .delete(oneTimeTokens)
      .where(inArray(oneTimeTokens.tokenHash, due))
      .returning({ tokenHash: oneTimeTokens.tokenHash });
    return deleted.length;
  });
  const refresh = await pruneInBatches(batchSize, async (limit) => {
    const due = db
      .select({ tokenHash: refreshTokens.tokenHash })
      .from(refreshTokens)
      .where(and(lte(refreshTokens.expiresAt, now), lt(refreshTokens.expiresAt, before)))
      .limit(limit);
    const deleted = await db
      .delete(refreshTokens)
      .where(inArray(refreshTokens.tokenHash, due))
      .returning({ tokenHash: refreshTokens.tokenHash });
    return deleted.length;
  });
  return { oneTimeTokens: oneTime, refreshTokens: refresh };
}
