import { consumeOneTimeToken, createOneTimeToken } from "@bookable/auth";
import { users } from "@bookable/db";
import { and, eq, isNull } from "drizzle-orm";
import type { AccountDependencies } from "./account-dependencies.js";
import { verificationEmail } from "./account-emails.js";
import { findUserById } from "./find-user.js";
import { tokenProblem } from "./token-problem.js";

/** Sends a fresh verification link (24 hours) unless the email is already verified. */
export async function sendEmailVerification(deps: Pick<AccountDependencies, "db" | "email" | "publicUrl">, userId: string) {
  const user = await findUserById(deps.db, userId);
  if (!user || user.emailVerifiedAt) return;
  const token = await createOneTimeToken(deps.db, user.id, "verify_email");
  const link = new URL(`/verify-email?token=${encodeURIComponent(token)}`, deps.publicUrl).href;
  await deps.email.send(verificationEmail(user.email, user.username, link));
}

export async function verifyEmail(deps: Pick<AccountDependencies, "db">, token: string): Promise<void> {
  const result = await consumeOneTimeToken(deps.db, token, "verify_email");
  if (result.outcome !== "consumed") throw tokenProblem(result.outcome, "verification");
  await deps.db
    .update(users)
    .set({ emailVerifiedAt: new Date() })
    .where(and(eq(users.id, result.userId), isNull(users.emailVerifiedAt)));
}
