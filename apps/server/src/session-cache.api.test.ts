// Issue 12: verified sessions are served from memory for SESSION_CACHE_SECONDS, and a revocation still refuses
// the credential at once on the instance that made it and within moments on every other instance (PostgreSQL
// LISTEN/NOTIFY from migration 0007's trigger), whoever or whatever revoked it. The cache lifetime here is a
// minute, so any answer served stale from memory would show.
import { generateSigningKeyPem } from "@bookable/auth";
import { sessions } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerAccount, signInBrowser, tokenPair, trpcMutation, trpcQuery } from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const targets = testDatabaseTargets(inject("postgresAdminUrl"));
const CACHED = { SESSION_CACHE_SECONDS: "60", AUTH_RATE_LIMIT_PER_MINUTE: "1000" };

/** Asks until the answer is a 401, for at most `withinMs`; whether it came. */
async function refusedWithin(ask: () => Promise<{ statusCode: number }>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if ((await ask()).statusCode === 401) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(targets)("session cache on $driver", (target) => {
  let server: TestServer;
  const me = (instance: TestServer, token: string) =>
    instance.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(token) });

  beforeAll(async () => {
    server = await buildTestServer(target, CACHED);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses an access token on the next request after its session is revoked through this instance", async () => {
    const tokens = await tokenPair(server, await registerAccount(server));
    expect((await me(server, tokens.accessToken)).statusCode).toBe(200);
    expect((await me(server, tokens.accessToken)).statusCode).toBe(200);
    expect((await server.postJson("/api/v1/auth/revoke", { refreshToken: tokens.refreshToken })).statusCode).toBeLessThan(300);
    expect((await me(server, tokens.accessToken)).statusCode).toBe(401);
  });

  it("refuses a browser session on the next request after signing out", async () => {
    const cookie = await signInBrowser(server, await registerAccount(server));
    expect((await trpcQuery(server, "sessions.list", undefined, { cookie })).statusCode).toBe(200);
    expect((await trpcMutation(server, "auth.signOut", undefined, { cookie })).statusCode).toBe(200);
    expect((await trpcQuery(server, "sessions.list", undefined, { cookie })).statusCode).toBe(401);
  });

  it("refuses a session revoked behind the server's back (another process, an operator) within moments", async () => {
    const tokens = await tokenPair(server, await registerAccount(server));
    expect((await me(server, tokens.accessToken)).statusCode).toBe(200);
    const sessionId = JSON.parse(Buffer.from(tokens.accessToken.split(".")[1] ?? "", "base64url").toString()).sid as string;
    await server.database.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
    // The cache would serve it for a minute; the database's notification ends that in milliseconds.
    expect(await refusedWithin(() => me(server, tokens.accessToken), 5_000)).toBe(true);
  });

  it("still renews a browser session used past half its life, and sends the cookie again", async () => {
    const cookie = await signInBrowser(server, await registerAccount(server));
    expect((await trpcQuery(server, "sessions.list", undefined, { cookie })).statusCode).toBe(200);
    const listed = (await trpcQuery(server, "sessions.list", undefined, { cookie })).json().result.data.items as {
      id: string;
      current: boolean;
    }[];
    const current = listed.find((session) => session.current);
    if (!current) throw new Error("no current session");
    const DAY = 86_400_000;
    await server.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 10 * DAY) })
      .where(eq(sessions.id, current.id));
    // Within moments (the notification), the next request reads the session again and renews it.
    let renewed = false;
    for (let attempt = 0; attempt < 200 && !renewed; attempt++) {
      const response = await trpcQuery(server, "sessions.list", undefined, { cookie });
      renewed = String(response.headers["set-cookie"] ?? "").includes("bookable_session=");
      if (!renewed) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(renewed).toBe(true);
    const [after] = await server.database.db.select().from(sessions).where(eq(sessions.id, current.id));
    expect(after?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
  });

  it("with SESSION_CACHE_SECONDS=0 reads the session on every request", async () => {
    const uncached = await buildTestServer(target, { ...CACHED, SESSION_CACHE_SECONDS: "0" });
    try {
      const tokens = await tokenPair(uncached, await registerAccount(uncached));
      expect((await me(uncached, tokens.accessToken)).statusCode).toBe(200);
      const sessionId = JSON.parse(Buffer.from(tokens.accessToken.split(".")[1] ?? "", "base64url").toString()).sid as string;
      await uncached.database.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
      expect((await me(uncached, tokens.accessToken)).statusCode).toBe(401);
    } finally {
      await uncached.close();
    }
  });
});

describe.each(targets.filter((target) => target.driver === "postgres"))(
  "session cache across two instances on $driver",
  (target) => {
    let first: TestServer;
    let second: TestServer;
    const me = (instance: TestServer, token: string) =>
      instance.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(token) });

    beforeAll(async () => {
      // One signing key, as every instance of a deployment has.
      const shared = { ...CACHED, JWT_PRIVATE_KEY: await generateSigningKeyPem() };
      first = await buildTestServer(target, shared);
      second = await buildTestServer(target, shared, {}, { sameDatabaseAs: first });
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
    });

    it("refuses on the second instance, within moments, a session revoked through the first", async () => {
      const tokens = await tokenPair(first, await registerAccount(first));
      expect((await me(second, tokens.accessToken)).statusCode).toBe(200);
      expect((await me(second, tokens.accessToken)).statusCode).toBe(200);
      expect((await first.postJson("/api/v1/auth/revoke", { refreshToken: tokens.refreshToken })).statusCode).toBeLessThan(300);
      expect(await refusedWithin(() => me(second, tokens.accessToken), 5_000)).toBe(true);
    });
  },
);
