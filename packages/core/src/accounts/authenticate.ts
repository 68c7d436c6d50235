import {
  API_KEY_PREFIX,
  authenticateApiKey,
  findLiveSession,
  hashToken,
  REFRESH_TOKEN_PREFIX,
  validateBrowserSession,
} from "@bookable/auth";
import type { SessionRow, UserRow } from "@bookable/db";
import type { AccountDependencies } from "./account-dependencies.js";
import type { CachedCaller } from "./session-cache.js";

export interface AuthenticatedCaller {
  user: UserRow;
  /** The session behind the credential; null for an API key, which is not a session. */
  session: SessionRow | null;
  /** For browser sessions: the expiry moved forward, so the cookie should be sent again. */
  renewed: boolean;
}

type AuthenticationDependencies = Pick<AccountDependencies, "db" | "accessTokens" | "sessionCache">;

/**
 * Who a bearer credential belongs to: a personal API key (`bka_…`) or a JWT access token whose session
 * is still live (so revoking the session refuses its access tokens at once). Null for anything else,
 * including refresh tokens, which only `/auth/token` accepts.
 */
export async function authenticateBearer(
  deps: AuthenticationDependencies,
  credential: string,
): Promise<AuthenticatedCaller | null> {
  if (credential.startsWith(API_KEY_PREFIX)) {
    return cached(deps, `api-key:${hashToken(credential)}`, async () => {
      const owner = await authenticateApiKey(deps.db, credential);
      return owner ? { user: owner.user, session: null, renewed: false } : null;
    });
  }
  if (credential.startsWith(REFRESH_TOKEN_PREFIX)) return null;
  // Expiry is checked on every request (a signature once per token, see createAccessTokenSigner); the
  // session's liveness is remembered for SESSION_CACHE_SECONDS at most.
  const claims = await deps.accessTokens.verify(credential);
  if (!claims) return null;
  const caller = await cached(deps, `session:${claims.sessionId}`, () => findLiveSession(deps.db, claims.sessionId));
  if (!caller || caller.user.id !== claims.userId) return null;
  return caller;
}

/** Who a browser session cookie belongs to, or null when it is unknown, expired or revoked. */
export function authenticateBrowser(
  deps: Pick<AccountDependencies, "db" | "sessionCache">,
  sessionToken: string,
): Promise<AuthenticatedCaller | null> {
  return cached(deps, `browser:${hashToken(sessionToken)}`, () => validateBrowserSession(deps.db, sessionToken));
}

/**
 * The cached caller for the credential, or the database's answer, remembered when live. Sliding expiry keeps
 * working: the next database read (at most SESSION_CACHE_SECONDS later) renews a session that is due and
 * answers `renewed` once, so the cookie is sent again; a hit never claims a renewal.
 */
async function cached(
  { sessionCache }: Pick<AccountDependencies, "sessionCache">,
  key: string,
  read: () => Promise<AuthenticatedCaller | null>,
): Promise<AuthenticatedCaller | null> {
  const hit = sessionCache.lookup(key);
  if (hit) return { ...hit, renewed: false };
  const started = sessionCache.startRead();
  const caller = await read();
  if (caller) sessionCache.remember(key, toCached(caller), started);
  return caller;
}

function toCached(caller: AuthenticatedCaller): CachedCaller {
  return { user: caller.user, session: caller.session };
}
