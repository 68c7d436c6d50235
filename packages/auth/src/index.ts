export {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  type AccessTokenClaims,
  type AccessTokenSigner,
  createAccessTokenSigner,
  generateSigningKeyPem,
  loadOrCreateSigningKey,
} from "./access-tokens.js";
export {
  API_KEY_PREFIX,
  authenticateApiKey,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  revokeUserApiKeys,
} from "./api-keys.js";
export { createLinkSigner, type LinkSigner } from "./link-signer.js";
export { loadOrCreateNotificationSecretKey } from "./notification-secret-key.js";
export { createGitHubProvider, type GitHubProviderOptions } from "./oauth/github-provider.js";
export {
  type AuthorizationAttempt,
  type OAuthProvider,
  OAuthProviderError,
  type ProviderIdentity,
} from "./oauth/oauth-provider.js";
export { createOidcProvider, type OidcProviderOptions } from "./oauth/oidc-provider.js";
export {
  type ConsumeResult,
  consumeOneTimeToken,
  createOneTimeToken,
  ONE_TIME_TOKEN_LIFETIME_MS,
  type OneTimeTokenPurpose,
  ownerOfOneTimeToken,
  useUpOneTimeTokens,
} from "./one-time-tokens.js";
export { hashPassword, verifyPassword } from "./password-hash.js";
export { generateToken, hashToken } from "./random-token.js";
export {
  type AuthRateLimitOptions,
  type AuthRateLimits,
  createAuthRateLimits,
  type LimitedAction,
  type RateDecision,
} from "./rate-limits.js";
export {
  issueRefreshToken,
  REFRESH_TOKEN_PREFIX,
  type RotationResult,
  rotateRefreshToken,
  sessionOfRefreshToken,
} from "./refresh-tokens.js";
export { createSecretBox, type SecretBox } from "./secret-box.js";
export {
  createBrowserSession,
  createTokenSession,
  findLiveSession,
  listLiveSessions,
  revokeSession,
  revokeUserSessions,
  SESSION_LIFETIME_MS,
  type ValidSession,
  validateBrowserSession,
} from "./sessions.js";
