import { consumeOneTimeToken, hashPassword, revokeUserSessions } from "@bookable/auth";
import { users } from "@bookable/db";
import { eq } from "drizzle-orm";
import type { AccountDependencies } from "./account-dependencies.js";
import { promoteVerifiedAdmin } from "./admin-emails.js";
import { PASSWORD_RESET_QUEUE, type PasswordResetJob } from "./password-reset-requests.js";
import { tokenProblem } from "./token-problem.js";

/**
 * Hands the request to the queue and returns: the same work whether or not an account has that email, so
 * neither the answer nor its timing says which (issue 11). The worker sends the link (sendPasswordResetLink).
 */
export async function requestPasswordReset(deps: Pick<AccountDependencies, "outbox">, email: string) {
  const job: PasswordResetJob = { email };
  await deps.outbox.jobs.send(PASSWORD_RESET_QUEUE, job);
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
