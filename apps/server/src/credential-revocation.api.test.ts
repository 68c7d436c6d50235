// What a password reset and an unverified email do to API keys and other reset links (issue 11, items 2
// and 7): an unverified account cannot create keys, a reset revokes every key, and using one reset link
// invalidates every other — on PGlite and PostgreSQL.
import { createApiKey } from "@bookable/auth";
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  bearer,
  registerAccount,
  signInBrowser,
  tokenFromLastEmail,
  tokenPair,
  trpcMutation,
  verifyEmailOf,
} from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("credential revocation on $driver", (target) => {
  let server: TestServer;
  const me = (credential: string) => server.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(credential) });
  const requestReset = async (email: string) => {
    expect((await server.postJson("/api/v1/auth/password-reset", { email })).statusCode).toBe(200);
    return tokenFromLastEmail(server, email);
  };
  const confirmReset = (token: string, password: string) =>
    server.postJson("/api/v1/auth/password-reset/confirm", { token, password });

  beforeAll(async () => {
    server = await buildTestServer(target, {
      AUTH_RATE_LIMIT_PER_MINUTE: "1000",
      ADMIN_EMAILS: "admin@example.com,boss@example.com",
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("API keys", () => {
    it("cannot be created by an account whose email is unverified (an ADMIN_EMAILS address registered by someone)", async () => {
      const squatter = await registerAccount(server, { email: "admin@example.com" });
      const { accessToken } = await tokenPair(server, squatter);
      const refused = await server.postJson("/api/v1/api-keys", { name: "backdoor" }, bearer(accessToken));
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toEqual({
        error: {
          code: "EMAIL_NOT_VERIFIED",
          message: "Confirm your email address before creating API keys",
          errorId: expect.stringMatching(/^err_/),
        },
      });
      const cookie = await signInBrowser(server, squatter);
      const overTrpc = await trpcMutation(server, "apiKeys.create", { name: "backdoor" }, { cookie });
      expect(overTrpc.statusCode).toBe(403);
      expect(overTrpc.json().error.data).toMatchObject({ code: "EMAIL_NOT_VERIFIED", httpStatus: 403 });
      const keys = await server.app.inject({ method: "GET", url: "/api/v1/api-keys", headers: bearer(accessToken) });
      expect(keys.json().items).toEqual([]);
    });

    it("are revoked by a password reset", async () => {
      const someone = await registerAccount(server);
      await verifyEmailOf(server, someone);
      const { accessToken } = await tokenPair(server, someone);
      const created = await server.postJson("/api/v1/api-keys", { name: "Build server" }, bearer(accessToken));
      expect(created.statusCode).toBe(201);
      const { key } = created.json();
      expect((await me(key)).statusCode).toBe(200);

      expect((await confirmReset(await requestReset(someone.email), "brand new password")).statusCode).toBe(200);
      expect((await me(key)).statusCode).toBe(401);
      const cookie = await signInBrowser(server, { email: someone.email, password: "brand new password" });
      const listed = await server.app.inject({ method: "GET", url: "/api/v1/api-keys", headers: { cookie } });
      expect(listed.json().items).toEqual([]);
    });

    it("of a squatter do not become admin keys when the owner of the ADMIN_EMAILS address resets the password", async () => {
      const squatter = await registerAccount(server, { email: "boss@example.com" });
      // A key made before unverified accounts were refused keys: the reset must still end it.
      const { key } = await createApiKey(server.database.db, squatter.id, "made before the rule");
      expect((await me(key)).statusCode).toBe(200);
      expect((await confirmReset(await requestReset(squatter.email), "the owner's password")).statusCode).toBe(200);
      expect((await me(key)).statusCode).toBe(401);
      expect((await server.app.inject({ method: "GET", url: "/api/v1/admin/bookings", headers: bearer(key) })).statusCode).toBe(
        401,
      );
      const owner = await tokenPair(server, { email: squatter.email, password: "the owner's password" });
      expect((await me(owner.accessToken)).json().user.role).toBe("admin");
    });
  });

  describe("reset links", () => {
    it("all stop working once one of them is used", async () => {
      const someone = await registerAccount(server);
      const first = await requestReset(someone.email);
      const second = await requestReset(someone.email);
      expect(second).not.toBe(first);
      expect((await confirmReset(second, "second link password")).statusCode).toBe(200);

      const stale = await confirmReset(first, "first link password");
      expect(stale.statusCode).toBe(400);
      expect(stale.json().error.issues).toEqual([{ path: "token", message: expect.stringContaining("already been used") }]);
      expect(
        (await server.postJson("/api/v1/auth/token", { email: someone.email, password: "second link password" })).statusCode,
      ).toBe(200);
    });
  });
});
