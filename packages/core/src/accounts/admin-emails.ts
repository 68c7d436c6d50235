import { type Database, users } from "@bookable/db";
import { and, eq } from "drizzle-orm";

/**
 * Gives the admin role to an account whose now-verified email is in ADMIN_EMAILS. Only a verified address
 * counts: otherwise anyone could register an admin's address before the admin does and become admin.
 */
export async function promoteVerifiedAdmin(db: Database, adminEmails: ReadonlySet<string>, userId: string): Promise<void> {
  if (adminEmails.size === 0) return;
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user || !adminEmails.has(user.email.toLowerCase())) return;
  await db
    .update(users)
    .set({ role: "admin" })
    .where(and(eq(users.id, userId), eq(users.role, "member")));
}
