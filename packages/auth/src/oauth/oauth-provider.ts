/** What a provider says about the person once the sign-in is verified. */
export interface ProviderIdentity {
  providerUserId: string;
  email: string | null;
  emailVerified: boolean;
  usernameHint: string | null;
}

/** The secrets of one sign-in attempt, kept in short-lived HttpOnly cookies between start and callback. */
export interface AuthorizationAttempt {
  url: URL;
  state: string;
  codeVerifier: string;
  nonce: string;
}

export interface OAuthProvider {
  readonly id: string;
  readonly name: string;
  /** Where to send the browser, with state, PKCE challenge and (for OpenID Connect) nonce. */
  startAuthorization(): Promise<AuthorizationAttempt>;
  /** Exchanges the code (with the PKCE verifier) and returns the verified identity. */
  completeAuthorization(code: string, codeVerifier: string, nonce: string): Promise<ProviderIdentity>;
}

export class OAuthProviderError extends Error {
  override name = "OAuthProviderError";
}
