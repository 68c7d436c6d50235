import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2Client } from "arctic";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { type AuthorizationAttempt, type OAuthProvider, OAuthProviderError, type ProviderIdentity } from "./oauth-provider.js";

export interface OidcProviderOptions {
  id: string;
  name: string;
  /** The issuer URL; its /.well-known/openid-configuration is read on first use. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/**
 * Any OpenID Connect provider (Google is one: issuer https://accounts.google.com), found by discovery.
 * Authorization code flow with PKCE (S256) and a nonce; the ID token's signature, issuer, audience,
 * expiry and nonce are verified with the provider's published keys before anything in it is believed.
 */
export function createOidcProvider(options: OidcProviderOptions): OAuthProvider {
  const client = new OAuth2Client(options.clientId, options.clientSecret, options.redirectUri);
  let discovery: Promise<{ document: Discovery; keys: ReturnType<typeof createRemoteJWKSet> }> | undefined;
  const discover = () => {
    discovery ??= fetchDiscovery(options.issuer).catch((error: unknown) => {
      discovery = undefined; // a provider that was down is asked again next time
      throw error;
    });
    return discovery;
  };

  return {
    id: options.id,
    name: options.name,
    async startAuthorization(): Promise<AuthorizationAttempt> {
      const { document } = await discover();
      const state = generateState();
      const codeVerifier = generateCodeVerifier();
      const nonce = generateState();
      const url = client.createAuthorizationURLWithPKCE(
        document.authorization_endpoint,
        state,
        CodeChallengeMethod.S256,
        codeVerifier,
        ["openid", "email", "profile"],
      );
      url.searchParams.set("nonce", nonce);
      return { url, state, codeVerifier, nonce };
    },
    async completeAuthorization(code, codeVerifier, nonce): Promise<ProviderIdentity> {
      const { document, keys } = await discover();
      const tokens = await client.validateAuthorizationCode(document.token_endpoint, code, codeVerifier);
      const { payload } = await jwtVerify(tokens.idToken(), keys, { issuer: document.issuer, audience: options.clientId });
      if (payload.nonce !== nonce) throw new OAuthProviderError("The ID token's nonce does not match this sign-in");
      if (typeof payload.sub !== "string") throw new OAuthProviderError("The ID token has no subject");
      const email = typeof payload.email === "string" ? payload.email : null;
      const hint = [payload.preferred_username, payload.nickname, payload.name].find((value) => typeof value === "string");
      return {
        providerUserId: payload.sub,
        email,
        emailVerified: email !== null && payload.email_verified === true,
        usernameHint: typeof hint === "string" ? hint : null,
      };
    },
  };
}

async function fetchDiscovery(issuer: string) {
  const url = new URL(".well-known/openid-configuration", issuer.endsWith("/") ? issuer : `${issuer}/`);
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new OAuthProviderError(`OpenID discovery at ${url.href} answered ${response.status}`);
  const document = (await response.json()) as Partial<Discovery>;
  if (!document.issuer || !document.authorization_endpoint || !document.token_endpoint || !document.jwks_uri) {
    throw new OAuthProviderError(`OpenID discovery at ${url.href} is missing endpoints`);
  }
  return { document: document as Discovery, keys: createRemoteJWKSet(new URL(document.jwks_uri)) };
}
