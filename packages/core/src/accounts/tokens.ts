import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  createTokenSession,
  issueRefreshToken,
  revokeSession,
  rotateRefreshToken,
  sessionOfRefreshToken,
} from "@bookable/auth";
import { sessions } from "@bookable/db";
import type { TokenOutput } from "@bookable/validators";
import { eq } from "drizzle-orm";
import { AppError } from "../app-error.js";
import type { AccountDependencies } from "./account-dependencies.js";
import { verifyCredentials } from "./sign-in.js";

export type TokenGrant = { email: string; password: string } | { refreshToken: string };

/**
 * `POST /auth/token`: the password grant opens a new token session; the refresh grant rotates the
 * refresh token within its session. A reused refresh token revokes its session (all its tokens).
 */
export async function issueTokens(
  deps: AccountDependencies,
  grant: TokenGrant,
  userAgent: string | undefined,
): Promise<TokenOutput> {
  if ("refreshToken" in grant) {
    const rotation = await rotateRefreshToken(deps.db, grant.refreshToken);
    if (rotation.outcome === "reused") {
      throw new AppError("UNAUTHENTICATED", "This refresh token was already used; its session has been ended. Sign in again.");
    }
    if (rotation.outcome === "raced") {
      throw new AppError("UNAUTHENTICATED", "This refresh token was just exchanged by another request; use the newest tokens");
    }
    if (rotation.outcome === "invalid") throw new AppError("UNAUTHENTICATED", "The refresh token is not valid or has expired");
    const accessToken = await deps.accessTokens.sign({ userId: rotation.userId, sessionId: rotation.sessionId });
    return tokenPair(accessToken, rotation.refreshToken);
  }
  const user = await verifyCredentials(deps, grant.email, grant.password);
  const session = await createTokenSession(deps.db, user.id, userAgent);
  const accessToken = await deps.accessTokens.sign({ userId: user.id, sessionId: session.id });
  return tokenPair(accessToken, await issueRefreshToken(deps.db, session.id));
}

/** Ends the session a refresh token belongs to; its access tokens stop working at once. Idempotent. */
export async function revokeRefreshToken(deps: Pick<AccountDependencies, "db">, refreshToken: string): Promise<void> {
  const sessionId = await sessionOfRefreshToken(deps.db, refreshToken);
  if (!sessionId) return;
  const [session] = await deps.db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, sessionId));
  if (session) await revokeSession(deps.db, session.userId, sessionId);
}

function tokenPair(accessToken: string, refreshToken: string): TokenOutput {
  return { accessToken, refreshToken, tokenType: "Bearer", expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS };
}
