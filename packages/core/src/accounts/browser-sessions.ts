import { createBrowserSession, revokeSession } from "@bookable/auth";
import type { SignInInput } from "@bookable/validators";
import type { AccountDependencies } from "./account-dependencies.js";
import { verifyCredentials } from "./sign-in.js";
import { toUserOutput } from "./to-user-output.js";

/** Password sign-in for a browser: the token goes into the session cookie. */
export async function signInBrowser(deps: AccountDependencies, input: SignInInput, userAgent: string | undefined) {
  const user = await verifyCredentials(deps, input.email, input.password);
  return { user: toUserOutput(user), ...(await startBrowserSession(deps, user.id, userAgent)) };
}

/** A browser session for an already authenticated user (after sign-in with a password or a provider). */
export async function startBrowserSession(deps: Pick<AccountDependencies, "db">, userId: string, userAgent: string | undefined) {
  const { token, session } = await createBrowserSession(deps.db, userId, userAgent);
  return { token, expiresAt: session.expiresAt };
}

/** Ends the caller's own session. */
export async function signOut(deps: Pick<AccountDependencies, "db">, userId: string, sessionId: string): Promise<void> {
  await revokeSession(deps.db, userId, sessionId);
}
