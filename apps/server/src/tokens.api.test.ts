// REST clients: tokens, bearer authentication, refresh rotation and revocation, API keys — on PGlite and PostgreSQL.
import { hashToken } from "@bookable/auth";
import { refreshTokens } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { eq } from "drizzle-orm";
import { decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerAccount, type TestAccount, tokenPair, verifyEmailOf } from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("REST authentication on $driver", (target) => {
  let server: TestServer;
  let account: TestAccount;
  const me = (headers: Record<string, string>) => server.app.inject({ method: "GET", url: "/api/v1/me", headers });

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
    account = await registerAccount(server);
    // Creating API keys needs a confirmed email.
    await verifyEmailOf(server, account);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("register → token → me → refresh → revoke, with curl-shaped requests", async () => {
    const first = await tokenPair(server, account);
    expect(first).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^bkr_/),
      tokenType: "Bearer",
      expiresIn: 900,
    });
    const jwks = (await server.app.inject("/.well-known/jwks.json")).json();
    expect(decodeProtectedHeader(first.accessToken)).toMatchObject({ alg: "EdDSA", kid: jwks.keys[0].kid });

    const who = await me(bearer(first.accessToken));
    expect(who.statusCode).toBe(200);
    expect(who.json().user).toMatchObject({ id: account.id, email: account.email });

    const refreshed = await server.postJson("/api/v1/auth/token", { refreshToken: first.refreshToken });
    expect(refreshed.statusCode).toBe(200);
    const second = refreshed.json();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await me(bearer(second.accessToken))).statusCode).toBe(200);

    const revoked = await server.postJson("/api/v1/auth/revoke", { refreshToken: second.refreshToken });
    expect(revoked.statusCode).toBe(200);
    const refused = await me(bearer(second.accessToken));
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringContaining("invalid, expired or revoked"),
    });
    expect((await server.postJson("/api/v1/auth/token", { refreshToken: second.refreshToken })).statusCode).toBe(401);
  });

  it("revokes the whole session when a rotated refresh token is used again", async () => {
    const first = await tokenPair(server, account);
    const second = (await server.postJson("/api/v1/auth/token", { refreshToken: first.refreshToken })).json();
    // Presented again later than a concurrent retry would be: someone else holds a copy.
    await server.database.db
      .update(refreshTokens)
      .set({ usedAt: new Date(Date.now() - 60_000) })
      .where(eq(refreshTokens.tokenHash, hashToken(first.refreshToken)));
    const reuse = await server.postJson("/api/v1/auth/token", { refreshToken: first.refreshToken });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.message).toContain("already used");
    // The thief's copy and the legitimate holder's newer tokens are all dead now.
    expect((await me(bearer(second.accessToken))).statusCode).toBe(401);
    expect((await server.postJson("/api/v1/auth/token", { refreshToken: second.refreshToken })).statusCode).toBe(401);
  });

  it("lets exactly one of two simultaneous refreshes of one token succeed, and keeps the session", async () => {
    const { refreshToken } = await tokenPair(server, account);
    const results = await Promise.all([
      server.postJson("/api/v1/auth/token", { refreshToken }),
      server.postJson("/api/v1/auth/token", { refreshToken }),
    ]);
    expect(results.map((result) => result.statusCode).sort()).toEqual([200, 401]);
    const winner = results.find((result) => result.statusCode === 200)?.json();
    // A client racing itself (two tabs, a retry) is not a thief: its newest tokens keep working.
    expect((await me(bearer(winner.accessToken))).statusCode).toBe(200);
    expect((await server.postJson("/api/v1/auth/token", { refreshToken: winner.refreshToken })).statusCode).toBe(200);
  });

  it("answers a wrong password and an unknown email with the same 401", async () => {
    const wrong = await server.postJson("/api/v1/auth/token", { email: account.email, password: "not the password" });
    const unknown = await server.postJson("/api/v1/auth/token", { email: "nobody@example.com", password: "whatever it is" });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toMatchObject({ code: "UNAUTHENTICATED", message: "Email or password is incorrect" });
    }
  });

  it("answers bad token requests with 400 and field issues", async () => {
    const neither = await server.postJson("/api/v1/auth/token", {});
    expect(neither.statusCode).toBe(400);
    expect(
      neither
        .json()
        .error.issues.map((issue: { path: string }) => issue.path)
        .sort(),
    ).toEqual(["email", "password"]);
    const both = await server.postJson("/api/v1/auth/token", {
      email: account.email,
      password: "x",
      refreshToken: "bkr_aaaaaaaaaaaaaaaa",
    });
    expect(both.json().error.issues).toEqual([{ path: "refreshToken", message: expect.stringContaining("not both") }]);
  });

  it("refuses tampered, expired, foreign and malformed access tokens", async () => {
    const { accessToken } = await tokenPair(server, account);
    const [header, payload, signature] = accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: "00000000-0000-4000-8000-000000000000" })).toString(
      "base64url",
    );
    const tampered = `${header}.${forgedPayload}.${signature}`;

    const { privateKey: otherKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const foreign = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: "EdDSA", kid: decodeProtectedHeader(accessToken).kid, typ: "at+jwt" })
      .setSubject(account.id)
      .setIssuer(claims.iss)
      .setAudience(claims.aud)
      .setExpirationTime("10m")
      .sign(otherKey);

    const signingKey = await importServerKey(server);
    const expired = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: "EdDSA", kid: decodeProtectedHeader(accessToken).kid, typ: "at+jwt" })
      .setSubject(account.id)
      .setIssuer(claims.iss)
      .setAudience(claims.aud)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(signingKey);
    // The same key and claims but still valid proves the expired one fails only for its expiry.
    const stillValid = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: "EdDSA", kid: decodeProtectedHeader(accessToken).kid, typ: "at+jwt" })
      .setSubject(account.id)
      .setIssuer(claims.iss)
      .setAudience(claims.aud)
      .setExpirationTime("5m")
      .sign(signingKey);

    expect((await me(bearer(stillValid))).statusCode).toBe(200);
    for (const token of [tampered, foreign, expired, "not-a-jwt", accessToken.slice(0, -4)]) {
      const response = await me(bearer(token));
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("UNAUTHENTICATED");
    }
    expect((await me({ authorization: "Basic dXNlcjpwYXNz" })).statusCode).toBe(401);
    const anonymous = await me({});
    expect(anonymous.json().error.message).toBe("Sign in to do this");
    expect(anonymous.headers["www-authenticate"]).toBe('Bearer realm="bookable"');
  });

  it("refuses a refresh token used as an access token", async () => {
    const { refreshToken } = await tokenPair(server, account);
    expect((await me(bearer(refreshToken))).statusCode).toBe(401);
  });

  describe("personal API keys", () => {
    it("are shown once, work as bearer tokens, are listed without the secret, and stop working when revoked", async () => {
      const { accessToken } = await tokenPair(server, account);
      const created = await server.postJson("/api/v1/api-keys", { name: "Lobby kiosk" }, bearer(accessToken));
      expect(created.statusCode).toBe(201);
      const { key, apiKey } = created.json();
      expect(key).toMatch(/^bka_[a-z2-7]{32}$/);
      expect(key.startsWith(apiKey.prefix)).toBe(true);

      expect((await me(bearer(key))).json().user.id).toBe(account.id);
      const list = await server.app.inject({ method: "GET", url: "/api/v1/api-keys", headers: bearer(key) });
      expect(list.json().items).toEqual([
        expect.objectContaining({ id: apiKey.id, name: "Lobby kiosk", lastUsedAt: expect.any(String) }),
      ]);
      expect(list.body).not.toContain(key);

      const deleted = await server.app.inject({
        method: "DELETE",
        url: `/api/v1/api-keys/${apiKey.id}`,
        headers: bearer(accessToken),
      });
      expect(deleted.statusCode).toBe(200);
      expect((await me(bearer(key))).statusCode).toBe(401);
    });

    it("cannot create more keys or sign out sessions: that needs a signed-in session", async () => {
      const { accessToken } = await tokenPair(server, account);
      const { key } = (await server.postJson("/api/v1/api-keys", { name: "Limited" }, bearer(accessToken))).json();
      const minted = await server.postJson("/api/v1/api-keys", { name: "Successor" }, bearer(key));
      expect(minted.statusCode).toBe(403);
      expect((await server.postJson("/api/v1/sessions/revoke-others", {}, bearer(key))).statusCode).toBe(403);
      expect((await me(bearer(accessToken))).statusCode).toBe(200);
    });

    it("cannot be seen or revoked by another user", async () => {
      const owner = await tokenPair(server, account);
      const { apiKey, key } = (await server.postJson("/api/v1/api-keys", { name: "Mine" }, bearer(owner.accessToken))).json();
      const stranger = await tokenPair(server, await registerAccount(server));
      const theirList = await server.app.inject({
        method: "GET",
        url: "/api/v1/api-keys",
        headers: bearer(stranger.accessToken),
      });
      expect(theirList.json().items).toEqual([]);
      const attempt = await server.app.inject({
        method: "DELETE",
        url: `/api/v1/api-keys/${apiKey.id}`,
        headers: bearer(stranger.accessToken),
      });
      expect(attempt.statusCode).toBe(404);
      expect((await me(bearer(key))).statusCode).toBe(200);
    });

    it("answers a bad name and a bad id with 400", async () => {
      const { accessToken } = await tokenPair(server, account);
      const noName = await server.postJson("/api/v1/api-keys", { name: "  " }, bearer(accessToken));
      expect(noName.json().error.issues).toEqual([{ path: "name", message: "Name is required" }]);
      const badId = await server.app.inject({
        method: "DELETE",
        url: "/api/v1/api-keys/not-a-uuid",
        headers: bearer(accessToken),
      });
      expect(badId.statusCode).toBe(400);
      expect(badId.json().error.issues).toEqual([{ path: "id", message: "Not an API key id" }]);
    });
  });

  describe("token sessions", () => {
    it("are listed and revocable by their owner only, and revoking one refuses its access token", async () => {
      const mine = await tokenPair(server, account);
      const list = await server.app.inject({ method: "GET", url: "/api/v1/sessions", headers: bearer(mine.accessToken) });
      const current = list.json().items.find((session: { current: boolean }) => session.current);
      expect(current).toMatchObject({ kind: "token", current: true });

      const stranger = await tokenPair(server, await registerAccount(server));
      const theirs = await server.app.inject({ method: "GET", url: "/api/v1/sessions", headers: bearer(stranger.accessToken) });
      expect(theirs.json().items.map((session: { id: string }) => session.id)).not.toContain(current.id);
      const steal = await server.postJson(`/api/v1/sessions/${current.id}/revoke`, {}, bearer(stranger.accessToken));
      expect(steal.statusCode).toBe(404);
      expect((await me(bearer(mine.accessToken))).statusCode).toBe(200);

      expect((await server.postJson(`/api/v1/sessions/${current.id}/revoke`, {}, bearer(mine.accessToken))).statusCode).toBe(200);
      expect((await me(bearer(mine.accessToken))).statusCode).toBe(401);
    });
  });

  it("lets an admin list accounts and refuses a member with 403", async () => {
    const admin = await registerAccount(server, { email: "admin@example.com" });
    await verifyEmailOf(server, admin);
    const adminTokens = await tokenPair(server, admin);
    const listed = await server.app.inject({
      method: "GET",
      url: "/api/v1/users?limit=2",
      headers: bearer(adminTokens.accessToken),
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toHaveLength(2);
    const next = await server.app.inject({
      method: "GET",
      url: `/api/v1/users?limit=2&cursor=${listed.json().nextCursor}`,
      headers: bearer(adminTokens.accessToken),
    });
    expect(next.json().items[0].id).not.toBe(listed.json().items[0].id);

    const member = await tokenPair(server, account);
    const refused = await server.app.inject({ method: "GET", url: "/api/v1/users", headers: bearer(member.accessToken) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("FORBIDDEN");
  });

  it("never writes a password, token or key into the log", async () => {
    const pair = await tokenPair(server, account);
    await server.postJson("/api/v1/auth/token", { refreshToken: pair.refreshToken });
    const { key } = (await server.postJson("/api/v1/api-keys", { name: "Log check" }, bearer(pair.accessToken))).json();
    await me(bearer(key));
    await me(bearer(`${pair.accessToken}x`));
    const log = JSON.stringify(server.logs);
    for (const secret of [account.password, pair.accessToken, pair.refreshToken, key, pair.accessToken.split(".")[2] ?? "x"]) {
      expect(log).not.toContain(secret);
    }
  });
});

async function importServerKey(server: TestServer) {
  const { importPKCS8 } = await import("jose");
  const { readFileSync } = await import("node:fs");
  const pem = server.config.JWT_PRIVATE_KEY ?? readFileSync(`${server.config.DATA_DIR}/jwt-signing-key.pem`, "utf8");
  return importPKCS8(pem, "EdDSA");
}
