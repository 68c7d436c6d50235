import { type Database, oauthAccounts, type UserRow, users } from "@bookable/db";
import { and, eq, sql } from "drizzle-orm";
import { AppError } from "../app-error.js";
import { promoteVerifiedAdmin } from "./admin-emails.js";
import { findUserByEmail } from "./find-user.js";
import { revokeAllCredentials } from "./revoke-all-credentials.js";

/** What a provider told us about the person, after the host verified it (ID token or provider API). */
export interface OAuthIdentity {
  provider: string;
  providerUserId: string;
  email: string | null;
  emailVerified: boolean;
  /** A preferred username or name to derive the Bookable username from. */
  usernameHint: string | null;
}

/**
 * The account for a provider identity: the one already linked; else the account with the same email,
 * linked now, but only when the provider verified that email (otherwise anyone could claim an account
 * by registering its email at some provider); else a new account with a username derived from the hint.
 * Linking an account whose email was never confirmed hands it to the email's owner (see
 * `claimUnverifiedAccount`).
 */
export async function signInWithOAuth(
  deps: { db: Database; adminEmails: ReadonlySet<string> },
  identity: OAuthIdentity,
): Promise<UserRow> {
  return deps.db.transaction(async (transaction) => {
    const [linked] = await transaction
      .select({ user: users })
      .from(oauthAccounts)
      .innerJoin(users, eq(users.id, oauthAccounts.userId))
      .where(and(eq(oauthAccounts.provider, identity.provider), eq(oauthAccounts.providerUserId, identity.providerUserId)));
    if (linked) return linked.user;

    if (!identity.email) throw new AppError("BAD_REQUEST", "The provider did not share an email address, which Bookable needs");
    const email = identity.email.toLowerCase();
    const existing = await findUserByEmail(transaction, email);
    if (existing && !identity.emailVerified) {
      throw new AppError("CONFLICT", "An account with this email exists; sign in with your password to use it");
    }
    const user =
      existing ??
      (await createOAuthUser(transaction, {
        email,
        emailVerified: identity.emailVerified,
        username: await availableUsername(transaction, identity.usernameHint ?? email.split("@")[0] ?? "user"),
        admin: identity.emailVerified && deps.adminEmails.has(email),
      }));
    if (existing && !existing.emailVerifiedAt) await claimUnverifiedAccount(transaction, existing.id);
    await transaction
      .insert(oauthAccounts)
      .values({ provider: identity.provider, providerUserId: identity.providerUserId, userId: user.id });
    if (existing) await promoteVerifiedAdmin(transaction, deps.adminEmails, user.id);
    return user;
  });
}

/**
 * Whoever registered an address they did not confirm may not be its owner (issue 11: a squatter of an
 * ADMIN_EMAILS address became admin this way). The provider has now proved who owns it, so everything the
 * registrant made to get in ends: the password is cleared (the owner can set one by password reset), and
 * every session, refresh token and API key is revoked. Then the email counts as verified.
 */
async function claimUnverifiedAccount(db: Database, userId: string): Promise<void> {
  await db.update(users).set({ emailVerifiedAt: new Date(), passwordHash: null }).where(eq(users.id, userId));
  await revokeAllCredentials(db, userId);
}

async function createOAuthUser(
  db: Database,
  details: { email: string; emailVerified: boolean; username: string; admin: boolean },
) {
  const [row] = await db
    .insert(users)
    .values({
      username: details.username,
      email: details.email,
      passwordHash: null,
      role: details.admin ? "admin" : "member",
      emailVerifiedAt: details.emailVerified ? new Date() : null,
    })
    .returning();
  if (!row) throw new Error("Insert into users returned no row");
  return row;
}

/** A valid, unused username close to the hint: lowercased, invalid characters replaced, numbered if taken. */
export async function availableUsername(db: Database, hint: string): Promise<string> {
  const cleaned = hint
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9_-]+/g, "_")
    .replace(/^[_-]+|[_-]+$/g, "")
    .slice(0, 28);
  const base = cleaned.length >= 3 ? cleaned : `${cleaned}user`.slice(0, 28).padEnd(3, "0");
  const taken = new Set(
    (
      await db
        .select({ username: users.username })
        .from(users)
        .where(sql`lower(${users.username}) like ${`${base}%`}`)
    ).map((row) => row.username.toLowerCase()),
  );
  if (!taken.has(base)) return base;
  for (let suffix = 2; suffix < 10_000; suffix++) {
    const candidate = `${base}_${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
  return `${base}_${crypto.randomUUID().slice(0, 3)}`;
}
