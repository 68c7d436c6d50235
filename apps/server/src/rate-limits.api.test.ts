// Rate limits on authentication: per client IP and per account, in memory and shared through Redis.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount, type TestAccount } from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

// A fresh client address per test keeps counters apart, also in a Redis shared with earlier runs.
const someIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const signIn = (server: TestServer, ip: string, credentials: { email: string; password: string }) =>
  server.app.inject({
    method: "POST",
    url: "/trpc/auth.signIn",
    remoteAddress: ip,
    headers: { "content-type": "application/json" },
    payload: JSON.stringify(credentials),
  });

const requestToken = (server: TestServer, ip: string, credentials: { email: string; password: string }) =>
  server.app.inject({
    method: "POST",
    url: "/api/v1/auth/token",
    remoteAddress: ip,
    headers: { "content-type": "application/json" },
    payload: JSON.stringify(credentials),
  });

describe("authentication rate limits (in memory)", () => {
  let server: TestServer;
  let account: TestAccount;

  beforeAll(async () => {
    server = await buildTestServer({ driver: "pglite" }, { AUTH_RATE_LIMIT_PER_MINUTE: "5" });
    account = await registerAccount(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers 429 with Retry-After in the error shape once an IP exceeds AUTH_RATE_LIMIT_PER_MINUTE", async () => {
    const ip = someIp();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await requestToken(server, ip, { email: account.email, password: "wrong password" })).statusCode).toBe(401);
    }
    const limited = await requestToken(server, ip, { email: account.email, password: account.password });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(limited.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(limited.json()).toEqual({
      error: { code: "RATE_LIMITED", message: "Too many attempts; try again later", errorId: expect.stringMatching(/^err_/) },
    });
    // Another address is not affected.
    expect((await requestToken(server, someIp(), { email: account.email, password: account.password })).statusCode).toBe(200);
  });

  it("limits tRPC sign-in too, with Retry-After", async () => {
    const ip = someIp();
    for (let attempt = 0; attempt < 5; attempt++) await signIn(server, ip, { email: "x@example.com", password: "nope nope" });
    const limited = await signIn(server, ip, { email: account.email, password: account.password });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["retry-after"]).toBeDefined();
    expect(limited.json().error.data).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
  });

  it("limits registration and password-reset requests per IP", async () => {
    const ip = someIp();
    const register = (index: number) =>
      server.app.inject({
        method: "POST",
        url: "/api/v1/users",
        remoteAddress: ip,
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({
          username: `spam${index}${randomInt(1e6)}`,
          email: `spam${index}${randomInt(1e6)}@example.com`,
          password: "long enough",
        }),
      });
    const statuses = [];
    for (let index = 0; index < 6; index++) statuses.push((await register(index)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);

    const resetIp = someIp();
    const reset = () =>
      server.app.inject({
        method: "POST",
        url: "/api/v1/auth/password-reset",
        remoteAddress: resetIp,
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ email: account.email }),
      });
    for (let attempt = 0; attempt < 5; attempt++) expect((await reset()).statusCode).toBe(200);
    expect((await reset()).statusCode).toBe(429);
  });
});

describe("per-account limit on failed sign-ins", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await buildTestServer({ driver: "pglite" }, { AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("pauses an account after 10 failures from any IPs, even for the right password, without locking others out", async () => {
    const victim = await registerAccount(server);
    const bystander = await registerAccount(server);
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await requestToken(server, someIp(), { email: victim.email, password: `guess ${attempt}` });
      expect(response.statusCode).toBe(401);
    }
    const paused = await requestToken(server, someIp(), { email: victim.email, password: victim.password });
    expect(paused.statusCode).toBe(429);
    expect(Number(paused.headers["retry-after"])).toBeGreaterThan(14 * 60);
    expect(paused.json().error.message).toContain("Too many failed sign-ins for this account");
    expect((await requestToken(server, someIp(), { email: bystander.email, password: bystander.password })).statusCode).toBe(200);
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const someone = await registerAccount(server);
    for (let attempt = 0; attempt < 9; attempt++)
      await requestToken(server, someIp(), { email: someone.email, password: "wrong wrong" });
    expect((await requestToken(server, someIp(), { email: someone.email, password: someone.password })).statusCode).toBe(200);
    for (let attempt = 0; attempt < 9; attempt++)
      await requestToken(server, someIp(), { email: someone.email, password: "wrong wrong" });
    expect((await requestToken(server, someIp(), { email: someone.email, password: someone.password })).statusCode).toBe(200);
  });
});

const redisUrl = inject("redisUrl");

describe.skipIf(!redisUrl)("rate limits shared through Redis", () => {
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    const environment = { AUTH_RATE_LIMIT_PER_MINUTE: "4", REDIS_URL: redisUrl ?? "" };
    first = await buildTestServer({ driver: "pglite" }, environment);
    second = await buildTestServer({ driver: "pglite" }, environment);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it("counts attempts from one IP across instances", async () => {
    const ip = someIp();
    // A fresh email too: failed sign-ins are also counted per account, in the same shared Redis.
    const credentials = { email: `nobody${randomInt(1e9)}@example.com`, password: "whatever it is" };
    expect((await requestToken(first, ip, credentials)).statusCode).toBe(401);
    expect((await requestToken(second, ip, credentials)).statusCode).toBe(401);
    expect((await requestToken(first, ip, credentials)).statusCode).toBe(401);
    expect((await requestToken(second, ip, credentials)).statusCode).toBe(401);
    const limited = await requestToken(first, ip, credentials);
    expect(limited.statusCode).toBe(429);
    expect((await requestToken(second, ip, credentials)).statusCode).toBe(429);
  });

  it("counts failed sign-ins of one account across instances", async () => {
    const email = `shared${randomInt(1e9)}@example.com`;
    for (let attempt = 0; attempt < 10; attempt++) {
      await requestToken(attempt % 2 === 0 ? first : second, someIp(), { email, password: "wrong wrong" });
    }
    const paused = await requestToken(second, someIp(), { email, password: "wrong wrong" });
    expect(paused.statusCode).toBe(429);
  });
});

describe.skipIf(!redisUrl)("the general API rate limit shared through Redis", () => {
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    const environment = { API_RATE_LIMIT_PER_MINUTE: "3", REDIS_URL: redisUrl ?? "" };
    first = await buildTestServer({ driver: "pglite" }, environment);
    second = await buildTestServer({ driver: "pglite" }, environment);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it("counts one client's API requests across instances", async () => {
    const ip = someIp();
    const list = (server: TestServer) => server.app.inject({ url: "/api/v1/resources", remoteAddress: ip });
    expect([(await list(first)).statusCode, (await list(second)).statusCode, (await list(first)).statusCode]).toEqual([
      200, 200, 200,
    ]);
    const limited = await list(second);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("RATE_LIMITED");
    expect((await list(first)).statusCode).toBe(429);
  });
});
