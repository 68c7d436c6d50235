// Issue 11: the dev mailbox (it shows reset links) and the local checkout (it confirms priced bookings
// without money) must be unreachable in production whatever else is configured.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, registerAccount, tokenPair, trpcMutation, trpcQuery } from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

// No email, SMS or Stripe provider in any of them: exactly when the local adapters would otherwise run.
const productionSettings: Record<string, Record<string, string>> = {
  "no providers at all": { NODE_ENV: "production" },
  "debug logging": { NODE_ENV: "production", LOG_LEVEL: "debug" },
  "the demo data seeded": { NODE_ENV: "production", SEED_DEMO_DATA: "true" },
  "a localhost public URL": { NODE_ENV: "production", PUBLIC_URL: "http://localhost:3000" },
};

describe.each(Object.entries(productionSettings))("production with %s", (_name, environment) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await buildTestServer({ driver: "pglite" }, environment);
    token = (await tokenPair(server, await registerAccount(server))).accessToken;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("has no dev mailbox or SMS outbox, over tRPC or HTTP", async () => {
    expect(server.app.services.localMailbox).toBeNull();
    expect((await trpcQuery(server, "dev.mailbox")).statusCode).toBe(404);
    expect((await trpcQuery(server, "dev.mailbox", undefined, bearer(token))).statusCode).toBe(404);
    for (const url of ["/dev/mailbox", "/api/v1/dev/mailbox"]) {
      const response = await server.app.inject({ url, headers: bearer(token) });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain("@example.com");
    }
  });

  it("has no local checkout: its procedures answer 404 and no local payment gateway runs", async () => {
    expect(server.app.services.payments.gateway?.mode).not.toBe("local");
    const sessionId = { sessionId: "cs_local_0123456789abcdef" };
    expect((await trpcQuery(server, "payments.localCheckout", sessionId, bearer(token))).statusCode).toBe(404);
    for (const procedure of ["payments.payLocalCheckout", "payments.abandonLocalCheckout"]) {
      expect((await trpcMutation(server, procedure, sessionId, bearer(token))).statusCode).toBe(404);
    }
    expect((await server.app.inject({ url: "/dev/checkout/cs_local_0123456789abcdef", headers: bearer(token) })).statusCode).toBe(
      404,
    );
  });
});
