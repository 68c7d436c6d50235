import { listLiveSessions, revokeSession, revokeUserSessions } from "@bookable/auth";
import type { Database } from "@bookable/db";
import type { SessionOutput } from "@bookable/validators";
import { AppError } from "../app-error.js";

/** The user's own live sessions; `current` marks the one making the request. */
export async function listSessions(db: Database, userId: string, currentSessionId: string | null): Promise<SessionOutput[]> {
  const rows = await listLiveSessions(db, userId);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    userAgent: row.userAgent,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentSessionId,
  }));
}

/** Revokes one of the user's sessions. Another user's session id answers NOT_FOUND, as if it did not exist. */
export async function revokeOwnSession(db: Database, userId: string, sessionId: string): Promise<void> {
  if (!(await revokeSession(db, userId, sessionId))) throw new AppError("NOT_FOUND", "No such session");
}

export function revokeOtherSessions(db: Database, userId: string, currentSessionId: string | null): Promise<number> {
  return revokeUserSessions(db, userId, currentSessionId ?? undefined);
}
