import { type ApiKeyRow, apiKeys, type Database, type UserRow, users } from "@bookable/db";
import { and, desc, eq, isNull } from "drizzle-orm";
import { generateToken, hashToken } from "./random-token.js";

export const API_KEY_PREFIX = "bka_";
// Enough of the key to tell keys apart in a list, far too little to guess the rest.
const VISIBLE_CHARACTERS = API_KEY_PREFIX.length + 6;
// Last-used is informational; writing it on every request would make every API call a write.
const LAST_USED_PRECISION_MS = 60 * 1000;

/** Creates a key; the returned `key` is shown to its owner once and never stored. */
export async function createApiKey(db: Database, userId: string, name: string) {
  const key = generateToken(API_KEY_PREFIX);
  const [row] = await db
    .insert(apiKeys)
    .values({ userId, name, prefix: key.slice(0, VISIBLE_CHARACTERS), tokenHash: hashToken(key) })
    .returning();
  if (!row) throw new Error("Insert into api_keys returned no row");
  return { key, apiKey: row };
}

export function listApiKeys(db: Database, userId: string): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
}

/** Revokes one of the user's keys; false when the user has no such live key (another user's included). */
export async function revokeApiKey(db: Database, userId: string, apiKeyId: string, now = new Date()): Promise<boolean> {
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length > 0;
}

/** Revokes every live key of the user (password reset, account claimed by its email's owner); returns how many. */
export async function revokeUserApiKeys(db: Database, userId: string, now = new Date()): Promise<number> {
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length;
}

/** The owner of a live key, or null. */
export async function authenticateApiKey(
  db: Database,
  key: string,
  now = new Date(),
): Promise<{ apiKey: ApiKeyRow; user: UserRow } | null> {
  const [row] = await db
    .select({ apiKey: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.tokenHash, hashToken(key)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  if (!row.apiKey.lastUsedAt || now.getTime() - row.apiKey.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.apiKey.id));
  }
  return row;
}
