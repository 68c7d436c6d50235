// An ADMIN_EMAILS address becomes admin when it is confirmed. If someone else registered it first, the
// confirmation email reaches the real owner, and one click on it used to make the squatter (who holds the
// password) an admin. Now the link confirms an admin address only in a signed-in session of that account;
// the owner who did not register it is told to reset the password instead, which ends the squatter's access.
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerAccount, tokenFromLastEmail, tokenPair } from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("confirming an admin address on $driver", (target) => {
  let server: TestServer;
  const me = async (accessToken: string) =>
    (await server.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(accessToken) })).json().user as {
      role: string;
      emailVerified: boolean;
    };

  beforeAll(async () => {
    server = await buildTestServer(target, {
      AUTH_RATE_LIMIT_PER_MINUTE: "1000",
      ADMIN_EMAILS: "boss@example.com,chief@example.com,deputy@example.com",
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("does not make a squatter admin when the owner opens the link without being signed in; a reset then ends the squatter", async () => {
    const squatter = await registerAccount(server, { email: "boss@example.com" });
    const { accessToken: squattersToken } = await tokenPair(server, squatter);
    const link = await tokenFromLastEmail(server, "boss@example.com");

    const opened = await server.postJson("/api/v1/auth/verify-email", { token: link });
    expect(opened.statusCode).toBe(403);
    expect(opened.json().error).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("reset its password") });
    expect(await me(squattersToken)).toMatchObject({ role: "member", emailVerified: false });

    expect((await server.postJson("/api/v1/auth/password-reset", { email: "boss@example.com" })).statusCode).toBe(200);
    const reset = await tokenFromLastEmail(server, "boss@example.com");
    const confirmed = await server.postJson("/api/v1/auth/password-reset/confirm", { token: reset, password: "the owner's own" });
    expect(confirmed.statusCode).toBe(200);
    expect((await server.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(squattersToken) })).statusCode).toBe(401);
    const owner = await tokenPair(server, { email: "boss@example.com", password: "the owner's own" });
    expect(await me(owner.accessToken)).toMatchObject({ role: "admin", emailVerified: true });
  });

  it("confirms an admin address in the registrant's own session, and makes it admin", async () => {
    const registrant = await registerAccount(server, { email: "chief@example.com" });
    const { accessToken } = await tokenPair(server, registrant);
    const link = await tokenFromLastEmail(server, "chief@example.com");
    const confirmed = await server.postJson("/api/v1/auth/verify-email", { token: link }, bearer(accessToken));
    expect(confirmed.statusCode).toBe(200);
    expect(await me(accessToken)).toMatchObject({ role: "admin", emailVerified: true });
  });

  it("refuses an admin address's link in someone else's session", async () => {
    const squatter = await registerAccount(server, { email: "deputy@example.com" });
    const { accessToken: squattersToken } = await tokenPair(server, squatter);
    const other = await registerAccount(server);
    const { accessToken: othersToken } = await tokenPair(server, other);
    const link = await tokenFromLastEmail(server, "deputy@example.com");
    const opened = await server.postJson("/api/v1/auth/verify-email", { token: link }, bearer(othersToken));
    expect(opened.statusCode).toBe(403);
    expect(await me(squattersToken)).toMatchObject({ role: "member", emailVerified: false });
  });

  it("still confirms an ordinary address from a link opened anywhere", async () => {
    const someone = await registerAccount(server);
    const { accessToken } = await tokenPair(server, someone);
    const link = await tokenFromLastEmail(server, someone.email);
    expect((await server.postJson("/api/v1/auth/verify-email", { token: link })).statusCode).toBe(200);
    expect(await me(accessToken)).toMatchObject({ role: "member", emailVerified: true });
  });
});
