import { type Database, refreshTokens, sessions } from "@bookable/db";
import { and, eq, isNull } from "drizzle-orm";
import { generateToken, hashToken } from "./random-token.js";
import { SESSION_LIFETIME_MS } from "./sessions.js";

export const REFRESH_TOKEN_PREFIX = "bkr_";
// A client that refreshes twice at once (two tabs, a retry) presents the same token twice within
// moments; that is a race, not theft, so within this window the loser is refused without revoking.
const CONCURRENT_USE_GRACE_MS = 10_000;

export async function issueRefreshToken(db: Database, sessionId: string, now = new Date()): Promise<string> {
  const token = generateToken(REFRESH_TOKEN_PREFIX);
  await db
    .insert(refreshTokens)
    .values({ tokenHash: hashToken(token), sessionId, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) });
  return token;
}

export type RotationResult =
  | { outcome: "rotated"; sessionId: string; userId: string; refreshToken: string }
  /** A token already exchanged was presented again: someone holds a copy, so its session was revoked. */
  | { outcome: "reused"; sessionId: string }
  /** Used moments ago by a concurrent request of the same client: refused, session kept. */
  | { outcome: "raced" }
  | { outcome: "invalid" };

/**
 * Exchanges a refresh token for a new one in the same session (rotation). The old token is marked used
 * in the same statement that checks it, so two concurrent exchanges of one token cannot both succeed.
 */
export async function rotateRefreshToken(db: Database, token: string, now = new Date()): Promise<RotationResult> {
  const tokenHash = hashToken(token);
  const [claimed] = await db
    .update(refreshTokens)
    .set({ usedAt: now })
    .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.usedAt)))
    .returning();
  if (!claimed) {
    const [existing] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash));
    if (!existing) return { outcome: "invalid" };
    if (existing.usedAt && now.getTime() - existing.usedAt.getTime() < CONCURRENT_USE_GRACE_MS) return { outcome: "raced" };
    await db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, existing.sessionId), isNull(sessions.revokedAt)));
    return { outcome: "reused", sessionId: existing.sessionId };
  }
  const [session] = await db.select().from(sessions).where(eq(sessions.id, claimed.sessionId));
  const live = session && session.revokedAt === null && session.expiresAt > now && claimed.expiresAt > now;
  if (!session || !live) return { outcome: "invalid" };
  return {
    outcome: "rotated",
    sessionId: session.id,
    userId: session.userId,
    refreshToken: await issueRefreshToken(db, session.id, now),
  };
}

/** Finds the session a refresh token belongs to, used or not (for revocation by the token's holder). */
export async function sessionOfRefreshToken(db: Database, token: string): Promise<string | undefined> {
  const [row] = await db
    .select({ sessionId: refreshTokens.sessionId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashToken(token)));
  return row?.sessionId;
}
