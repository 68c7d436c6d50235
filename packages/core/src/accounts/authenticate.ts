import {
  API_KEY_PREFIX,
  authenticateApiKey,
  findLiveSession,
  REFRESH_TOKEN_PREFIX,
  validateBrowserSession,
} from "@bookable/auth";
import type { SessionRow, UserRow } from "@bookable/db";
import type { AccountDependencies } from "./account-dependencies.js";

export interface AuthenticatedCaller {
  user: UserRow;
  /** The session behind the credential; null for an API key, which is not a session. */
  session: SessionRow | null;
  /** For browser sessions: the expiry moved forward, so the cookie should be sent again. */
  renewed: boolean;
}

/**
 * Who a bearer credential belongs to: a personal API key (`bka_…`) or a JWT access token whose session
 * is still live (so revoking the session refuses its access tokens at once). Null for anything else,
 * including refresh tokens, which only `/auth/token` accepts.
 */
export async function authenticateBearer(
  { db, accessTokens }: Pick<AccountDependencies, "db" | "accessTokens">,
  credential: string,
): Promise<AuthenticatedCaller | null> {
  if (credential.startsWith(API_KEY_PREFIX)) {
    const owner = await authenticateApiKey(db, credential);
    return owner ? { user: owner.user, session: null, renewed: false } : null;
  }
  if (credential.startsWith(REFRESH_TOKEN_PREFIX)) return null;
  const claims = await accessTokens.verify(credential);
  if (!claims) return null;
  const live = await findLiveSession(db, claims.sessionId);
  if (!live || live.user.id !== claims.userId) return null;
  return live;
}

/** Who a browser session cookie belongs to, or null when it is unknown, expired or revoked. */
export function authenticateBrowser(
  { db }: Pick<AccountDependencies, "db">,
  sessionToken: string,
): Promise<AuthenticatedCaller | null> {
  return validateBrowserSession(db, sessionToken);
}
