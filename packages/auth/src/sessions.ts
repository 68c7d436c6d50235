import { type Database, type SessionRow, sessions, type UserRow, users } from "@bookable/db";
import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import { generateToken, hashToken } from "./random-token.js";

const DAY = 24 * 60 * 60 * 1000;
/** Sessions last 30 days from the last use (sliding), following Lucia's guide. */
export const SESSION_LIFETIME_MS = 30 * DAY;
// Renewing on every request would write on every request; past half-life is often enough.
const RENEW_WHEN_LEFT_MS = 15 * DAY;
// Last-seen is for the person's session list; a few minutes of precision is plenty.
const LAST_SEEN_PRECISION_MS = 5 * 60 * 1000;

export interface ValidSession {
  session: SessionRow;
  user: UserRow;
  /** Set when the expiry moved forward, so the host can refresh the cookie. */
  renewed: boolean;
}

function truncateUserAgent(userAgent: string | undefined): string | null {
  return userAgent ? userAgent.slice(0, 400) : null;
}

/** A new browser session; the token goes into the cookie, only its hash into the database. */
export async function createBrowserSession(db: Database, userId: string, userAgent: string | undefined, now = new Date()) {
  const token = generateToken();
  const [session] = await db
    .insert(sessions)
    .values({
      userId,
      kind: "browser",
      tokenHash: hashToken(token),
      userAgent: truncateUserAgent(userAgent),
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
    })
    .returning();
  if (!session) throw new Error("Insert into sessions returned no row");
  return { token, session };
}

/** A session for a REST client: its refresh tokens and access tokens hang off it. */
export async function createTokenSession(db: Database, userId: string, userAgent: string | undefined, now = new Date()) {
  const [session] = await db
    .insert(sessions)
    .values({
      userId,
      kind: "token",
      userAgent: truncateUserAgent(userAgent),
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
    })
    .returning();
  if (!session) throw new Error("Insert into sessions returned no row");
  return session;
}

/** The live session and user a browser token belongs to, extending the session when due; else null. */
export async function validateBrowserSession(db: Database, token: string, now = new Date()): Promise<ValidSession | null> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), eq(sessions.kind, "browser")));
  if (!row || !isLive(row.session, now)) return null;
  return touchSession(db, row, now);
}

/** The live session (any kind) and its user by id, for access tokens that name their session. */
export async function findLiveSession(db: Database, sessionId: string, now = new Date()): Promise<ValidSession | null> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  if (!row || !isLive(row.session, now)) return null;
  return touchSession(db, row, now);
}

function isLive(session: SessionRow, now: Date): boolean {
  return session.revokedAt === null && session.expiresAt.getTime() > now.getTime();
}

async function touchSession(db: Database, row: { session: SessionRow; user: UserRow }, now: Date): Promise<ValidSession> {
  const renew = row.session.expiresAt.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS;
  const stale = now.getTime() - row.session.lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS;
  if (!renew && !stale) return { ...row, renewed: false };
  const changes = renew ? { lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) } : { lastSeenAt: now };
  await db.update(sessions).set(changes).where(eq(sessions.id, row.session.id));
  return { session: { ...row.session, ...changes }, user: row.user, renewed: renew };
}

/** The user's live sessions, newest use first. */
export function listLiveSessions(db: Database, userId: string, now = new Date()) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
}

/** Revokes one of the user's sessions; false when the user has no such live session. */
export async function revokeSession(db: Database, userId: string, sessionId: string, now = new Date()): Promise<boolean> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length > 0;
}

/** Revokes every live session of the user, except `keepSessionId` when given; returns how many. */
export async function revokeUserSessions(
  db: Database,
  userId: string,
  keepSessionId?: string,
  now = new Date(),
): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)];
  if (keepSessionId) conditions.push(ne(sessions.id, keepSessionId));
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return revoked.length;
}
