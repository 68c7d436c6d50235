import { hashToken, type LinkSigner } from "@bookable/auth";
import { type CalendarFeedRow, calendarFeeds, type Database, users } from "@bookable/db";
import type { calendarFeedScopeValues, userRoleValues } from "@bookable/validators/enum-values";
import { and, eq } from "drizzle-orm";

export type CalendarFeedScope = (typeof calendarFeedScopeValues)[number];

/** Feed tokens say what they are, so a leaked one is recognisable (as `bka_` API keys are). */
export const FEED_TOKEN_PREFIX = "bkf_";

/**
 * The row's token: an HMAC of its id (128 bits, LinkSigner) under a key derived from configuration. Derived,
 * not stored: the account page can show the URL again, and a copy of the database opens no feed (decision 018).
 */
export function feedTokenOf(signer: LinkSigner, feed: Pick<CalendarFeedRow, "id">): string {
  return `${FEED_TOKEN_PREFIX}${signer.sign(feed.id)}`;
}

export async function findFeed(db: Database, userId: string, scope: CalendarFeedScope): Promise<CalendarFeedRow | null> {
  const [row] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), eq(calendarFeeds.scope, scope)));
  return row ?? null;
}

/**
 * A new token for the user's feed of this scope, replacing (so revoking) any earlier one. One statement: two
 * regenerations at once leave one row, the later's.
 */
export async function replaceFeed(
  db: Database,
  signer: LinkSigner,
  userId: string,
  scope: CalendarFeedScope,
): Promise<CalendarFeedRow> {
  const id = crypto.randomUUID();
  const tokenHash = hashToken(feedTokenOf(signer, { id }));
  const createdAt = new Date();
  const [row] = await db
    .insert(calendarFeeds)
    .values({ id, userId, scope, tokenHash, createdAt })
    .onConflictDoUpdate({ target: [calendarFeeds.userId, calendarFeeds.scope], set: { id, tokenHash, createdAt } })
    .returning();
  if (!row) throw new Error("the calendar feed row was not written");
  return row;
}

export async function deleteFeed(db: Database, userId: string, scope: CalendarFeedScope): Promise<void> {
  await db.delete(calendarFeeds).where(and(eq(calendarFeeds.userId, userId), eq(calendarFeeds.scope, scope)));
}

export interface FeedHolder {
  userId: string;
  scope: CalendarFeedScope;
  /** The holder's role now: an admin feed opens only while its holder is still an admin. */
  role: (typeof userRoleValues)[number];
}

/** Who a presented token belongs to, by its hash; null for a token never issued, replaced or revoked. */
export async function findFeedHolder(db: Database, token: string): Promise<FeedHolder | null> {
  const [holder] = await db
    .select({ userId: calendarFeeds.userId, scope: calendarFeeds.scope, role: users.role })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, hashToken(token)));
  return holder ?? null;
}
