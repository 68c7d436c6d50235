// Sign-in with OpenID Connect end to end against a real local provider (oauth2-mock-server on 127.0.0.1):
// discovery, authorization code with PKCE and nonce, ID token verification, account creation and linking.
import { createApiKey } from "@bookable/auth";
import { testDatabaseTargets } from "@bookable/db/testing";
import { Events, OAuth2Server } from "oauth2-mock-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  bearer,
  registerAccount,
  setCookie,
  signInBrowser,
  type TestAccount,
  tokenPair,
  trpcQuery,
  verifyEmailOf,
} from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

interface ProviderPerson {
  sub: string;
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
}

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("OpenID Connect sign-in on $driver", (target) => {
  let provider: OAuth2Server;
  let server: TestServer;
  let nextPerson: ProviderPerson;
  let tokenRequests = 0;

  beforeAll(async () => {
    provider = new OAuth2Server();
    await provider.issuer.keys.generate("RS256");
    await provider.start(0, "127.0.0.1");
    provider.service.on(Events.BeforeTokenSigning, (token) => {
      tokenRequests += 1;
      Object.assign(token.payload, nextPerson);
    });
    server = await buildTestServer(target, {
      PUBLIC_URL: "http://bookable.test",
      OIDC_ISSUER: provider.issuer.url ?? "",
      OIDC_CLIENT_ID: "bookable-client",
      OIDC_CLIENT_SECRET: "bookable-secret",
      OIDC_NAME: "Example SSO",
      ADMIN_EMAILS: "admin@example.com,boss@example.com",
      AUTH_RATE_LIMIT_PER_MINUTE: "1000",
    });
  });
  afterAll(async () => {
    await server?.close();
    await provider?.stop();
  });

  /** Start → the provider's authorize endpoint (which answers at once) → our callback, as a browser would. */
  async function signInAtProvider(person: ProviderPerson, tamper?: (callback: URL) => void) {
    nextPerson = person;
    const start = await server.app.inject("/auth/oauth/oidc/start");
    expect(start.statusCode).toBe(302);
    const authorize = new URL(String(start.headers.location));
    const attemptCookies = ["oauth_state", "oauth_verifier", "oauth_nonce"]
      .map((name) => `${name}=${encodeURIComponent(setCookie(start, name)?.value ?? "")}`)
      .join("; ");
    const atProvider = await fetch(authorize, { redirect: "manual" });
    expect(atProvider.status).toBe(302);
    const callback = new URL(String(atProvider.headers.get("location")));
    tamper?.(callback);
    const finished = await server.app.inject({
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie: attemptCookies },
    });
    return { start, authorize, finished };
  }

  const viewerOf = async (cookie: string) =>
    (await trpcQuery(server, "auth.viewer", undefined, { cookie })).json().result.data.user;
  const viewerWith = async (response: { headers: Record<string, unknown> }) => {
    const session = setCookie(response as never, "bookable_session");
    return session ? viewerOf(`bookable_session=${session.value}`) : null;
  };

  it("lists only the configured provider", async () => {
    const providers = (await server.app.inject("/api/v1/auth/providers")).json().providers;
    expect(providers).toEqual([{ id: "oidc", name: "Example SSO", startUrl: "/auth/oauth/oidc/start" }]);
    expect((await server.app.inject("/auth/oauth/github/start")).statusCode).toBe(404);
  });

  it("sends the browser to the provider with PKCE (S256), state and nonce in HttpOnly cookies", async () => {
    const start = await server.app.inject("/auth/oauth/oidc/start");
    const authorize = new URL(String(start.headers.location));
    expect(authorize.origin).toBe(new URL(provider.issuer.url ?? "").origin);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "bookable-client",
      redirect_uri: "http://bookable.test/auth/oauth/oidc/callback",
      code_challenge_method: "S256",
      scope: "openid email profile",
      state: setCookie(start, "oauth_state")?.value,
      nonce: setCookie(start, "oauth_nonce")?.value,
    });
    for (const name of ["oauth_state", "oauth_verifier", "oauth_nonce"]) {
      expect(setCookie(start, name)?.attributes).toMatch(/HttpOnly/);
      expect(setCookie(start, name)?.attributes).toMatch(/SameSite=Lax/);
    }
  });

  it("creates an account on first sign-in and signs into the same account the next time", async () => {
    const person = {
      sub: `grace-${Date.now()}`,
      email: `grace${Date.now()}@example.com`,
      email_verified: true,
      preferred_username: "Grace Hopper",
    };
    const { finished } = await signInAtProvider(person);
    expect(finished.statusCode).toBe(302);
    expect(finished.headers.location).toBe("/account");
    const created = await viewerWith(finished);
    expect(created).toMatchObject({ email: person.email, emailVerified: true, username: expect.stringMatching(/^grace_hopper/) });

    const again = await signInAtProvider(person);
    expect((await viewerWith(again.finished))?.id).toBe(created.id);
  });

  it("links a provider identity to the existing account with the same verified email", async () => {
    const existing = await registerAccount(server);
    const { finished } = await signInAtProvider({
      sub: `linked-${Date.now()}`,
      email: existing.email.toUpperCase(),
      email_verified: true,
    });
    expect((await viewerWith(finished))?.id).toBe(existing.id);
  });

  it("makes a linked ADMIN_EMAILS account an admin once the provider has verified the address", async () => {
    const admin = await registerAccount(server, { email: "admin@example.com" });
    const { finished } = await signInAtProvider({ sub: `admin-${Date.now()}`, email: admin.email, email_verified: true });
    expect(await viewerWith(finished)).toMatchObject({ id: admin.id, role: "admin", emailVerified: true });
  });

  /** Every credential a squatter of an unverified account can hold (issue 11, item 1). */
  async function squat(account: TestAccount) {
    const cookie = await signInBrowser(server, account);
    const tokens = await tokenPair(server, account);
    // An unverified account cannot create API keys any more; a key made before that rule still exists.
    const refusedKey = await server.postJson("/api/v1/api-keys", { name: "squatter" }, bearer(tokens.accessToken));
    expect(refusedKey.statusCode).toBe(403);
    expect(refusedKey.json().error.code).toBe("EMAIL_NOT_VERIFIED");
    const { key } = await createApiKey(server.database.db, account.id, "made before keys needed a verified email");
    return { cookie, tokens, key };
  }

  const me = (credential: string) => server.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(credential) });

  async function expectSquatterLockedOut(account: TestAccount, credentials: Awaited<ReturnType<typeof squat>>) {
    expect((await me(credentials.tokens.accessToken)).statusCode).toBe(401);
    expect((await me(credentials.key)).statusCode).toBe(401);
    expect(await viewerOf(credentials.cookie)).toBeNull();
    const refreshed = await server.postJson("/api/v1/auth/token", { refreshToken: credentials.tokens.refreshToken });
    expect(refreshed.statusCode).toBe(401);
    const password = await server.postJson("/api/v1/auth/token", { email: account.email, password: account.password });
    expect(password.statusCode).toBe(401);
  }

  it("ends every credential of a squatter when the owner claims an ADMIN_EMAILS address through the provider", async () => {
    const squatter = await registerAccount(server, { email: "boss@example.com", password: "squatter password" });
    const credentials = await squat(squatter);
    expect((await me(credentials.tokens.accessToken)).json().user.role).toBe("member");

    const { finished } = await signInAtProvider({ sub: `boss-${Date.now()}`, email: "boss@example.com", email_verified: true });
    expect(await viewerWith(finished)).toMatchObject({ id: squatter.id, role: "admin", emailVerified: true });

    await expectSquatterLockedOut(squatter, credentials);
    const adminBookings = await server.app.inject({
      method: "GET",
      url: "/api/v1/admin/bookings",
      headers: bearer(credentials.tokens.accessToken),
    });
    expect(adminBookings.statusCode).toBe(401);
  });

  it("ends every credential of a squatter of an ordinary address claimed through the provider", async () => {
    const squatter = await registerAccount(server);
    const credentials = await squat(squatter);
    const { finished } = await signInAtProvider({ sub: `owner-${Date.now()}`, email: squatter.email, email_verified: true });
    expect(await viewerWith(finished)).toMatchObject({ id: squatter.id, role: "member", emailVerified: true });
    await expectSquatterLockedOut(squatter, credentials);
  });

  it("keeps the password and sessions of an already verified account it links", async () => {
    const owner = await registerAccount(server);
    await verifyEmailOf(server, owner);
    const cookie = await signInBrowser(server, owner);
    const { finished } = await signInAtProvider({ sub: `verified-${Date.now()}`, email: owner.email, email_verified: true });
    expect((await viewerWith(finished))?.id).toBe(owner.id);
    expect(await viewerOf(cookie)).toMatchObject({ id: owner.id });
    expect((await server.postJson("/api/v1/auth/token", { email: owner.email, password: owner.password })).statusCode).toBe(200);
  });

  it("refuses to link when the provider has not verified the email", async () => {
    const existing = await registerAccount(server);
    const { finished } = await signInAtProvider({
      sub: `unverified-${Date.now()}`,
      email: existing.email,
      email_verified: false,
    });
    expect(finished.statusCode).toBe(302);
    expect(finished.headers.location).toMatch(/^\/sign-in\?error=oauth_account&message=/);
    expect(setCookie(finished, "bookable_session")).toBeUndefined();
  });

  it("refuses a callback whose state does not match the browser's, without exchanging the code", async () => {
    const before = tokenRequests;
    const { finished } = await signInAtProvider(
      { sub: "mallory", email: "mallory@example.com", email_verified: true },
      (callback) => callback.searchParams.set("state", "forged-state-value"),
    );
    expect(finished.statusCode).toBe(302);
    expect(finished.headers.location).toMatch(/^\/sign-in\?error=oauth_state/);
    expect(setCookie(finished, "bookable_session")).toBeUndefined();
    expect(tokenRequests).toBe(before);
  });

  it("refuses a callback without the attempt cookies (another browser)", async () => {
    nextPerson = { sub: "eve", email: "eve@example.com", email_verified: true };
    const start = await server.app.inject("/auth/oauth/oidc/start");
    const atProvider = await fetch(new URL(String(start.headers.location)), { redirect: "manual" });
    const callback = new URL(String(atProvider.headers.get("location")));
    const finished = await server.app.inject(`${callback.pathname}${callback.search}`);
    expect(finished.headers.location).toMatch(/^\/sign-in\?error=oauth_state/);
  });

  it("reports a provider that refuses the code exchange without a session", async () => {
    provider.service.once(Events.BeforeResponse, (response) => {
      response.statusCode = 400;
      response.body = { error: "invalid_grant" };
    });
    const { finished } = await signInAtProvider({ sub: "someone", email: "someone@example.com", email_verified: true });
    expect(finished.headers.location).toMatch(/^\/sign-in\?error=oauth_failed&message=.*err_/);
    expect(setCookie(finished, "bookable_session")).toBeUndefined();
  });
});
