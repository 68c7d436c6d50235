import { consumeOneTimeToken, hashPassword, revokeUserSessions } from "@bookable/auth";
import { users } from "@bookable/db";
import { eq } from "drizzle-orm";
import type { AccountDependencies } from "./account-dependencies.js";
import { promoteVerifiedAdmin } from "./admin-emails.js";
import { emailOneTimeLink } from "./email-one-time-link.js";
import { findUserByEmail } from "./find-user.js";
import { tokenProblem } from "./token-problem.js";

/** Queues a reset link (1 hour) when an account has that email, with its token; says nothing either way. */
export async function requestPasswordReset(deps: Pick<AccountDependencies, "db" | "outbox" | "publicUrl">, email: string) {
  const user = await findUserByEmail(deps.db, email);
  if (!user) return;
  await emailOneTimeLink(deps, user, { purpose: "reset_password", path: "/reset-password", template: "reset-password" });
}

/**
 * Sets a new password with a reset token (single use) and ends every session of the account, so whoever
 * knew the old password is signed out everywhere. Proving control of the inbox also verifies the email.
 */
export async function resetPassword(
  deps: Pick<AccountDependencies, "db" | "adminEmails">,
  token: string,
  password: string,
): Promise<void> {
  const result = await consumeOneTimeToken(deps.db, token, "reset_password");
  if (result.outcome !== "consumed") throw tokenProblem(result.outcome, "password reset");
  const passwordHash = await hashPassword(password);
  const now = new Date();
  await deps.db.transaction(async (transaction) => {
    await transaction.update(users).set({ passwordHash, emailVerifiedAt: now }).where(eq(users.id, result.userId));
    await revokeUserSessions(transaction, result.userId);
    await promoteVerifiedAdmin(transaction, deps.adminEmails, result.userId);
  });
}
