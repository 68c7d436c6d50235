import { hashPassword, verifyPassword } from "@bookable/auth";
import type { UserRow } from "@bookable/db";
import { AppError } from "../app-error.js";
import type { AccountDependencies } from "./account-dependencies.js";
import { findUserByEmail } from "./find-user.js";

// Unknown emails still cost one argon2 verification, so timing does not tell which emails have accounts.
const decoyHash = hashPassword("decoy password that matches nothing");

/** One message for unknown email and wrong password alike: the answer must not reveal who has an account. */
export const WRONG_CREDENTIALS = "Email or password is incorrect";

/**
 * Checks an email and password. Refused with UNAUTHENTICATED when they do not match and with
 * RATE_LIMITED after too many failures for the account from any IP. The attempt is counted before the
 * password is checked and forgiven on success, so guesses sent in parallel cannot outrun the count
 * (issue 11: 45 parallel guesses used to be evaluated against a limit of 10).
 */
export async function verifyCredentials(
  { db, rateLimits }: Pick<AccountDependencies, "db" | "rateLimits">,
  email: string,
  password: string,
): Promise<UserRow> {
  const decision = await rateLimits.consumeSignInAttempt(email);
  if (!decision.allowed) {
    throw new AppError("RATE_LIMITED", "Too many failed sign-ins for this account; try again later", {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
  const user = await findUserByEmail(db, email);
  const matches = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
  if (!user?.passwordHash || !matches) throw new AppError("UNAUTHENTICATED", WRONG_CREDENTIALS);
  await rateLimits.clearFailedSignIns(email);
  return user;
}
