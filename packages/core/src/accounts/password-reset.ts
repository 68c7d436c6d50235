import { consumeOneTimeToken, hashPassword, ownerOfOneTimeToken, useUpOneTimeTokens } from "@bookable/auth";
import { users } from "@bookable/db";
import { eq } from "drizzle-orm";
import type { AccountDependencies } from "./account-dependencies.js";
import { promoteVerifiedAdmin } from "./admin-emails.js";
import { PASSWORD_RESET_QUEUE, type PasswordResetJob } from "./password-reset-requests.js";
import { revokeAllCredentials } from "./revoke-all-credentials.js";
import { tokenProblem } from "./token-problem.js";

/**
 * Hands the request to the queue and returns: the same work whether or not an account has that email, so
 * neither the answer nor its timing says which (issue 11). The worker sends the link (sendPasswordResetLink).
 */
export async function requestPasswordReset(deps: Pick<AccountDependencies, "outbox">, email: string) {
  // The link goes to the address the request came to; the worker that makes it has no request (issue 15).
  const job: PasswordResetJob = { email, publicUrl: deps.outbox.publicUrl };
  await deps.outbox.jobs.send(PASSWORD_RESET_QUEUE, job);
}

/**
 * Sets a new password with a reset token (single use) and ends every session and API key of the account,
 * so whoever knew the old password is locked out everywhere. Every other reset link of the account stops
 * working too. Proving control of the inbox also verifies the email. One transaction, with the account
 * locked first, so two links used at once cannot both succeed.
 */
export async function resetPassword(
  deps: Pick<AccountDependencies, "db" | "adminEmails">,
  token: string,
  password: string,
): Promise<void> {
  // Hashed first: argon2 takes a while and must not run while the account row is locked.
  const passwordHash = await hashPassword(password);
  const now = new Date();
  const result = await deps.db.transaction(async (transaction) => {
    const owner = await ownerOfOneTimeToken(transaction, token, "reset_password");
    if (owner) await transaction.select({ id: users.id }).from(users).where(eq(users.id, owner)).for("update");
    const consumed = await consumeOneTimeToken(transaction, token, "reset_password", now);
    if (consumed.outcome !== "consumed") return consumed;
    await useUpOneTimeTokens(transaction, consumed.userId, "reset_password", now);
    await transaction.update(users).set({ passwordHash, emailVerifiedAt: now }).where(eq(users.id, consumed.userId));
    await revokeAllCredentials(transaction, consumed.userId);
    await promoteVerifiedAdmin(transaction, deps.adminEmails, consumed.userId);
    return consumed;
  });
  if (result.outcome !== "consumed") throw tokenProblem(result.outcome, "password reset");
}
