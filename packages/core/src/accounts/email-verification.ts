import { consumeOneTimeToken } from "@bookable/auth";
import { users } from "@bookable/db";
import { and, eq, isNull } from "drizzle-orm";
import type { AccountDependencies } from "./account-dependencies.js";
import { promoteVerifiedAdmin } from "./admin-emails.js";
import { emailOneTimeLink } from "./email-one-time-link.js";
import { findUserById } from "./find-user.js";
import { tokenProblem } from "./token-problem.js";

/**
 * Queues a fresh verification link (24 hours), in one transaction with the token; false when the email is
 * already verified (nothing sent).
 */
export async function sendEmailVerification(
  deps: Pick<AccountDependencies, "db" | "outbox" | "publicUrl">,
  userId: string,
): Promise<boolean> {
  const user = await findUserById(deps.db, userId);
  if (!user || user.emailVerifiedAt) return false;
  await emailOneTimeLink(deps, user, { purpose: "verify_email", path: "/verify-email", template: "verify-email" });
  return true;
}

/** Confirms the address; an ADMIN_EMAILS address becomes admin now that it is proven. */
export async function verifyEmail(deps: Pick<AccountDependencies, "db" | "adminEmails">, token: string): Promise<void> {
  const result = await consumeOneTimeToken(deps.db, token, "verify_email");
  if (result.outcome !== "consumed") throw tokenProblem(result.outcome, "verification");
  await deps.db
    .update(users)
    .set({ emailVerifiedAt: new Date() })
    .where(and(eq(users.id, result.userId), isNull(users.emailVerifiedAt)));
  await promoteVerifiedAdmin(deps.db, deps.adminEmails, result.userId);
}
