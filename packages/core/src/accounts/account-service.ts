import type { LimitedAction } from "@bookable/auth";
import type { registerInput, SignInInput, tokenInput, UserOutput } from "@bookable/validators";
import type { z } from "zod";
import type { ServiceLog } from "../service-log.js";
import type { AccountDependencies } from "./account-dependencies.js";
import { createOwnApiKey, listOwnApiKeys, revokeOwnApiKey } from "./api-keys.js";
import { signInBrowser, signOut } from "./browser-sessions.js";
import { sendEmailVerification, verifyEmail } from "./email-verification.js";
import { findUserById } from "./find-user.js";
import { listUsers } from "./list-users.js";
import { requestPasswordReset, resetPassword } from "./password-reset.js";
import { registerUser } from "./register-user.js";
import { listSessions, revokeOtherSessions, revokeOwnSession } from "./sessions.js";
import { toUserOutput } from "./to-user-output.js";
import { issueTokens, revokeRefreshToken } from "./tokens.js";

/**
 * Accounts as the API offers them — users, sign-in, tokens, sessions, API keys, email verification and
 * password resets — with their dependencies bound (issue 14): callers pass only request facts.
 */
export type AccountService = ReturnType<typeof createAccountService>;

export function createAccountService(deps: AccountDependencies) {
  const { db } = deps;
  return {
    /** The caller as stored now (a role or verification may have changed since the credential was issued). */
    async me(caller: UserOutput): Promise<{ user: UserOutput }> {
      const user = await findUserById(db, caller.id);
      return { user: user ? toUserOutput(user) : caller };
    },
    /** A new account; its verification email is sent, and a failure to send is logged, not thrown. */
    async register(input: z.output<typeof registerInput>, log: ServiceLog): Promise<{ user: UserOutput }> {
      const user = await registerUser({ db }, input);
      // The account exists either way; a failed email is logged and can be sent again from the account page.
      await sendEmailVerification(deps, user.id).catch((error: unknown) =>
        log.error({ err: error, userId: user.id }, "verification email not sent"),
      );
      return { user };
    },
    listUsers: (input: { limit: number; cursor?: string | undefined }) => listUsers(db, input),
    signIn: (input: SignInInput, userAgent: string | undefined) => signInBrowser(deps, input, userAgent),
    signOut: (userId: string, sessionId: string) => signOut(deps, userId, sessionId),
    /** `{ email, password }` opens a token session; `{ refreshToken }` rotates the refresh token. */
    issueTokens(input: z.output<typeof tokenInput>, userAgent: string | undefined) {
      const grant =
        input.refreshToken !== undefined
          ? { refreshToken: input.refreshToken }
          : { email: input.email ?? "", password: input.password ?? "" };
      return issueTokens(deps, grant, userAgent);
    },
    revokeRefreshToken: (refreshToken: string) => revokeRefreshToken(deps, refreshToken),
    requestPasswordReset: (email: string) => requestPasswordReset(deps, email),
    resetPassword: (token: string, password: string) => resetPassword(deps, token, password),
    verifyEmail: (token: string, viewerId: string | null) => verifyEmail(deps, token, viewerId),
    /** False when the address is already confirmed (nothing sent). */
    sendEmailVerification: (userId: string) => sendEmailVerification(deps, userId),
    listSessions: (userId: string, currentSessionId: string | null) => listSessions(db, userId, currentSessionId),
    revokeSession: (userId: string, sessionId: string) => revokeOwnSession(db, userId, sessionId),
    revokeOtherSessions: (userId: string, currentSessionId: string | null) => revokeOtherSessions(db, userId, currentSessionId),
    listApiKeys: (userId: string) => listOwnApiKeys(db, userId),
    createApiKey: (user: Pick<UserOutput, "id" | "emailVerified">, name: string) => createOwnApiKey(db, user, name),
    revokeApiKey: (userId: string, apiKeyId: string) => revokeOwnApiKey(db, userId, apiKeyId),
    /** Counts one attempt of the action from the IP address (sign-in, registration, tokens, reset). */
    consumeIpAttempt: (action: LimitedAction, ip: string) => deps.rateLimits.consumeIp(action, ip),
    /** Forgets the cached credentials of a user, or of everyone (null) after a change that may concern anyone. */
    forgetCachedCredentials(userId: string | null): void {
      if (userId) deps.sessionCache.forgetUser(userId);
      else deps.sessionCache.forgetEverything();
    },
  };
}
