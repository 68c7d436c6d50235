import { consumeOneTimeToken, ownerOfOneTimeToken } from "@bookable/auth";
import { users } from "@bookable/db";
import { and, eq, isNull } from "drizzle-orm";
import { AppError } from "../app-error.js";
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

/** What opening the link did: confirmed the address now, or found it confirmed by an earlier click. */
export type EmailVerificationOutcome = "confirmed" | "already_confirmed";

/**
 * Confirms the address; an ADMIN_EMAILS address becomes admin now that it is proven. A link opened a
 * second time (a double click, the link opened on the phone and again on the laptop) finds the address
 * confirmed and says so, rather than "already used; ask for a new one", which would send the person off
 * for a link they do not need. Such an address is
 * confirmed only in a signed-in session of its own account (`viewerId`): whoever registered it holds the
 * password, and if that was not the inbox's owner, one click on the emailed link would make them admin.
 * The token is left unused, so the registrant can still open it once signed in.
 */
export async function verifyEmail(
  deps: Pick<AccountDependencies, "db" | "adminEmails">,
  token: string,
  viewerId: string | null,
): Promise<EmailVerificationOutcome> {
  const ownerId = await ownerOfOneTimeToken(deps.db, token, "verify_email");
  if (ownerId && ownerId !== viewerId && deps.adminEmails.size > 0) {
    const owner = await findUserById(deps.db, ownerId);
    if (owner && !owner.emailVerifiedAt && deps.adminEmails.has(owner.email.toLowerCase())) {
      throw new AppError(
        "FORBIDDEN",
        "This address is an administrator's: sign in to the account you registered with it, then open the link again. If you did not register it, reset its password instead, which ends every sign-in of whoever did",
      );
    }
  }
  const result = await consumeOneTimeToken(deps.db, token, "verify_email");
  if (result.outcome === "used" && ownerId && (await findUserById(deps.db, ownerId))?.emailVerifiedAt) {
    return "already_confirmed";
  }
  if (result.outcome !== "consumed") throw tokenProblem(result.outcome, "verification");
  await deps.db
    .update(users)
    .set({ emailVerifiedAt: new Date() })
    .where(and(eq(users.id, result.userId), isNull(users.emailVerifiedAt)));
  await promoteVerifiedAdmin(deps.db, deps.adminEmails, result.userId);
  return "confirmed";
}
