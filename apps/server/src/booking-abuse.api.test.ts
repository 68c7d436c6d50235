// Issue 11, item 5: an account with an unconfirmed address made the server email and text strangers, and one
// account held every priced slot of a day. These reproduce both attacks against the real server, on PGlite
// and PostgreSQL.
import { notifications } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { eq, or } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  bearer,
  registerAccount,
  registerVerifiedAccount,
  signInBrowser,
  tokenPair,
  trpcMutation,
} from "../test/account-helpers.js";
import { bookAs, makeHoldOverdue } from "../test/payment-helpers.js";
import { adminToken, createTestResource } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const victim = {
  name: "Your account is locked: verify at http://phish.example/login",
  email: "ceo@victim-corp.example",
  phone: "+14155550123",
  smsOptIn: true,
};

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("booking abuse limits on $driver", (target) => {
  let server: TestServer;

  /** The first `count` free slots of a resource from two days ahead on, earliest first. */
  async function freeSlots(resourceId: string, count: number): Promise<string[]> {
    const from = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    const to = new Date(from.getTime() + 4 * 24 * 3600 * 1000);
    const response = await server.app.inject(
      `/api/v1/resources/${resourceId}/availability?from=${from.toISOString()}&to=${to.toISOString()}`,
    );
    const slots = (response.json().slots as { start: string }[]).map((slot) => slot.start);
    if (slots.length < count) throw new Error(`only ${slots.length} free slots`);
    return slots.slice(0, count);
  }

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000", PAYMENTS_SWEEP_SECONDS: "300" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses an unverified account booking for a stranger with 403 EMAIL_NOT_VERIFIED, and nothing is sent", async () => {
    const squatter = await registerAccount(server);
    const { accessToken } = await tokenPair(server, squatter);
    const resource = await createTestResource(server);
    const [start = ""] = await freeSlots(resource.id, 1);

    const rest = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start, attendee: victim, notes: "Call us back" },
      bearer(accessToken),
    );
    expect(rest.statusCode, rest.body).toBe(403);
    expect(rest.json().error).toMatchObject({
      code: "EMAIL_NOT_VERIFIED",
      message: expect.stringMatching(/confirm your email/i),
    });
    expect(rest.json().error.errorId).toMatch(/^err_/);

    const cookie = await signInBrowser(server, squatter);
    const trpc = await trpcMutation(server, "bookings.create", { resourceId: resource.id, start, attendee: victim }, { cookie });
    expect(trpc.statusCode).toBe(403);
    expect(trpc.json().error.data.code).toBe("EMAIL_NOT_VERIFIED");

    const toVictim = await server.database.db
      .select()
      .from(notifications)
      .where(or(eq(notifications.recipient, victim.email), eq(notifications.recipient, victim.phone)));
    expect(toVictim).toEqual([]);
  });

  it("books once the address is confirmed, and an admin books for anyone", async () => {
    const resource = await createTestResource(server);
    const [first = "", second = ""] = await freeSlots(resource.id, 2);
    const member = await tokenPair(server, await registerVerifiedAccount(server));
    const booked = await bookAs(server, member.accessToken, { resourceId: resource.id, start: first });
    expect(booked.statusCode, booked.body).toBe(201);
    const forGuest = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: second, attendee: { name: "Walk-in guest", email: "guest@example.org" } },
      bearer(await adminToken(server)),
    );
    expect(forGuest.statusCode, forGuest.body).toBe(201);
  });

  it("gives one account 3 holds of 24 priced slots, then 429 with Retry-After until the first hold expires", async () => {
    const resource = await createTestResource(server, { price: { amount: 2500, currency: "EUR" } });
    const slots = await freeSlots(resource.id, 24);
    const { accessToken } = await tokenPair(server, await registerVerifiedAccount(server));
    const statuses: number[] = [];
    const held: string[] = [];
    let refusal: Awaited<ReturnType<typeof bookAs>> | undefined;
    for (const start of slots) {
      const response = await bookAs(server, accessToken, { resourceId: resource.id, start });
      statuses.push(response.statusCode);
      if (response.statusCode === 201) held.push(response.json().id);
      else refusal ??= response;
    }
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(statuses.slice(3).every((status) => status === 429)).toBe(true);
    expect(refusal?.json().error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/hold/) });
    // HOLD_MINUTES is 30: the first hold frees its place in about 30 minutes.
    const retryAfter = Number(refusal?.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(25 * 60);
    expect(retryAfter).toBeLessThanOrEqual(30 * 60);

    // A hold whose time ran out is no longer live, so it frees its place.
    await makeHoldOverdue(server, held[0] ?? "");
    const afterExpiry = await bookAs(server, accessToken, { resourceId: resource.id, start: slots[23] ?? "" });
    expect(afterExpiry.statusCode, afterExpiry.body).toBe(201);
  });

  it("gives one account only 3 holds when 24 requests arrive at once", async () => {
    const resource = await createTestResource(server, { price: { amount: 2500, currency: "EUR" } });
    const slots = await freeSlots(resource.id, 24);
    const { accessToken } = await tokenPair(server, await registerVerifiedAccount(server));
    const responses = await Promise.all(slots.map((start) => bookAs(server, accessToken, { resourceId: resource.id, start })));
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(21);
    for (const refused of responses.filter((response) => response.statusCode === 429)) {
      expect(refused.json().error.code).toBe("RATE_LIMITED");
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    }
  });

  it("refuses the 31st booking of an hour with 429 and Retry-After, also when they arrive at once", async () => {
    const resource = await createTestResource(server, { capacity: 70 });
    const [start = ""] = await freeSlots(resource.id, 1);
    const one = await tokenPair(server, await registerVerifiedAccount(server));
    for (let made = 0; made < 30; made++) {
      const response = await bookAs(server, one.accessToken, { resourceId: resource.id, start });
      expect(response.statusCode, response.body).toBe(201);
    }
    const thirtyFirst = await bookAs(server, one.accessToken, { resourceId: resource.id, start });
    expect(thirtyFirst.statusCode).toBe(429);
    expect(thirtyFirst.json().error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/last hour/) });
    const retryAfter = Number(thirtyFirst.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(55 * 60);
    expect(retryAfter).toBeLessThanOrEqual(60 * 60);

    const other = await tokenPair(server, await registerVerifiedAccount(server));
    const parallel = await Promise.all(
      Array.from({ length: 31 }, () => bookAs(server, other.accessToken, { resourceId: resource.id, start })),
    );
    const statuses = parallel.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(30);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
  });
});
