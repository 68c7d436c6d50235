import { revokeUserApiKeys, revokeUserSessions } from "@bookable/auth";
import type { Database } from "@bookable/db";

/**
 * Ends everything that lets someone act as the account without signing in again: every session, browser
 * and token alike (a token session's refresh tokens and access tokens die with it, decision 007), and every
 * API key. Used when control of the account passes to whoever proved they own its email.
 */
export async function revokeAllCredentials(db: Database, userId: string): Promise<void> {
  await revokeUserSessions(db, userId);
  await revokeUserApiKeys(db, userId);
}
