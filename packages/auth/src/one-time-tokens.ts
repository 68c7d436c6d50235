import { type Database, type DatabaseExecutor, oneTimeTokens } from "@bookable/db";
import { and, eq, isNull } from "drizzle-orm";
import { generateToken, hashToken } from "./random-token.js";

export type OneTimeTokenPurpose = "verify_email" | "reset_password";

export const ONE_TIME_TOKEN_LIFETIME_MS: Record<OneTimeTokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
};

export async function createOneTimeToken(
  db: DatabaseExecutor,
  userId: string,
  purpose: OneTimeTokenPurpose,
  now = new Date(),
): Promise<string> {
  const token = generateToken();
  await db.insert(oneTimeTokens).values({
    tokenHash: hashToken(token),
    userId,
    purpose,
    expiresAt: new Date(now.getTime() + ONE_TIME_TOKEN_LIFETIME_MS[purpose]),
  });
  return token;
}

export type ConsumeResult = { outcome: "consumed"; userId: string } | { outcome: "expired" | "used" | "invalid" };

/** Uses a token up; the check and the marking are one statement, so a token works exactly once. */
export async function consumeOneTimeToken(
  db: Database,
  token: string,
  purpose: OneTimeTokenPurpose,
  now = new Date(),
): Promise<ConsumeResult> {
  const tokenHash = hashToken(token);
  const [claimed] = await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.tokenHash, tokenHash), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)))
    .returning();
  if (claimed) {
    // Expired tokens are marked used too: they can never become valid again.
    return claimed.expiresAt > now ? { outcome: "consumed", userId: claimed.userId } : { outcome: "expired" };
  }
  const [existing] = await db
    .select()
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tokenHash, tokenHash), eq(oneTimeTokens.purpose, purpose)));
  if (!existing) return { outcome: "invalid" };
  return existing.expiresAt <= now ? { outcome: "expired" } : { outcome: "used" };
}

/** The account a token (used or not) was issued to, so a caller can lock that account before using it. */
export async function ownerOfOneTimeToken(
  db: DatabaseExecutor,
  token: string,
  purpose: OneTimeTokenPurpose,
): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: oneTimeTokens.userId })
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tokenHash, hashToken(token)), eq(oneTimeTokens.purpose, purpose)));
  return row?.userId;
}

/** Marks every unused token of the user for the purpose as used: older links stop working. */
export async function useUpOneTimeTokens(
  db: DatabaseExecutor,
  userId: string,
  purpose: OneTimeTokenPurpose,
  now = new Date(),
): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
}
