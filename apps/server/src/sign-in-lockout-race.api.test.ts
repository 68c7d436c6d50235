// The per-account limit on failed sign-ins under parallel guessing (issue 11, item 3): attempts are counted
// before the password is checked, so 40 guesses sent at once get at most 10 evaluations, in memory and
// through Redis, on both `/trpc` sign-in and `POST /api/v1/auth/token`.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount } from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

// Every guess from its own address, so only the per-account limit can stop them.
const someIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const FAILED_SIGN_INS_PER_ACCOUNT = 10;
const PARALLEL_GUESSES = 40;

function attempt(server: TestServer, surface: "trpc" | "rest", credentials: { email: string; password: string }) {
  return server.app.inject({
    method: "POST",
    url: surface === "trpc" ? "/trpc/auth.signIn" : "/api/v1/auth/token",
    remoteAddress: someIp(),
    headers: { "content-type": "application/json" },
    payload: JSON.stringify(credentials),
  });
}

const redisUrl = inject("redisUrl");
const limitStores = [
  { store: "memory", environment: {} },
  ...(redisUrl ? [{ store: "Redis", environment: { REDIS_URL: redisUrl } }] : []),
];

describe.each(limitStores)("per-account sign-in limit under parallel guesses ($store)", ({ environment }) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await buildTestServer({ driver: "pglite" }, { AUTH_RATE_LIMIT_PER_MINUTE: "1000", ...environment });
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(["rest", "trpc"] as const)(
    "evaluates at most the limit of guesses sent at once (%s), then refuses the right password",
    async (surface) => {
      // A fresh address per run: a Redis shared with earlier runs must not hold this account's counter.
      const victim = await registerAccount(server, { email: `victim${randomInt(1e9)}@example.com` });
      const guesses = await Promise.all(
        Array.from({ length: PARALLEL_GUESSES }, (_, index) =>
          attempt(server, index % 2 === 0 ? surface : "rest", { email: victim.email, password: `wrong guess ${index}` }),
        ),
      );
      const statuses = guesses.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 401)).toHaveLength(FAILED_SIGN_INS_PER_ACCOUNT);
      expect(statuses.filter((status) => status === 429)).toHaveLength(PARALLEL_GUESSES - FAILED_SIGN_INS_PER_ACCOUNT);
      for (const refused of guesses.filter((response) => response.statusCode === 429)) {
        expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      }

      const right = await attempt(server, surface, { email: victim.email, password: victim.password });
      expect(right.statusCode).toBe(429);
      expect(Number(right.headers["retry-after"])).toBeGreaterThan(14 * 60);
      const body = right.json();
      const error = surface === "rest" ? body.error : { code: body.error.data.code, message: body.error.message };
      expect(error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("Too many failed sign-ins") });
    },
  );
});
