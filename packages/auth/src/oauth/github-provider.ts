import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2Client } from "arctic";
import { type AuthorizationAttempt, type OAuthProvider, OAuthProviderError, type ProviderIdentity } from "./oauth-provider.js";

export interface GitHubProviderOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** For tests against a local stand-in; GitHub's own hosts otherwise. */
  endpoints?: { authorize: string; token: string; api: string };
}

const GITHUB_ENDPOINTS = {
  authorize: "https://github.com/login/oauth/authorize",
  token: "https://github.com/login/oauth/access_token",
  api: "https://api.github.com",
};

interface GitHubUser {
  id: number;
  login: string;
}
interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * GitHub speaks OAuth 2.0 but not OpenID Connect: after the code exchange (with PKCE) the identity comes
 * from its REST API, and the email from /user/emails, where GitHub says whether it verified it.
 */
export function createGitHubProvider(options: GitHubProviderOptions): OAuthProvider {
  const endpoints = options.endpoints ?? GITHUB_ENDPOINTS;
  const client = new OAuth2Client(options.clientId, options.clientSecret, options.redirectUri);
  const api = async <T>(path: string, accessToken: string): Promise<T> => {
    const response = await fetch(`${endpoints.api}${path}`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/vnd.github+json", "user-agent": "Bookable" },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new OAuthProviderError(`GitHub ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    id: "github",
    name: "GitHub",
    async startAuthorization(): Promise<AuthorizationAttempt> {
      const state = generateState();
      const codeVerifier = generateCodeVerifier();
      const url = client.createAuthorizationURLWithPKCE(endpoints.authorize, state, CodeChallengeMethod.S256, codeVerifier, [
        "read:user",
        "user:email",
      ]);
      return { url, state, codeVerifier, nonce: "" };
    },
    async completeAuthorization(code, codeVerifier): Promise<ProviderIdentity> {
      const tokens = await client.validateAuthorizationCode(endpoints.token, code, codeVerifier);
      const accessToken = tokens.accessToken();
      const [user, emails] = await Promise.all([
        api<GitHubUser>("/user", accessToken),
        api<GitHubEmail[]>("/user/emails", accessToken),
      ]);
      const primary = emails.find((entry) => entry.primary) ?? emails.find((entry) => entry.verified) ?? emails[0];
      return {
        providerUserId: String(user.id),
        email: primary?.email ?? null,
        emailVerified: primary?.verified === true,
        usernameHint: user.login,
      };
    },
  };
}
