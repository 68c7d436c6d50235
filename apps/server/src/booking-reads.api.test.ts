// Issue 14: one POST /bookings reads its booking once. A priced booking used to be written, mapped, read back
// by the checkout (findBookingRecord), read again for its "held" email, and read and mapped once more for the
// answer; now the rows written travel through the checkout and the email and are mapped once. Counted for
// both surfaces (tRPC and REST, the same procedure) on node-postgres; without PostgreSQL the file is skipped.
import { NOTIFICATION_QUEUE } from "@bookable/core";
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair, trpcMutation } from "../test/account-helpers.js";
import { attendee } from "../test/payment-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { listStatements, statementsOf } from "../test/statements-of.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const postgres = testDatabaseTargets(inject("postgresAdminUrl")).find((target) => target.driver === "postgres");

/** A statement that reads a booking back with its resource and payment (findBookingRecord and its kin). */
const READS_A_BOOKING = /from "bookings" (inner|left) join "resources"/i;
// Statements of one priced booking in local payment mode, session cache on: the booking's transaction, then
// the checkout's (payment update, "held" email and its job). It was 16 before issue 14 (the three reads above
// included); the budget keeps it from creeping back. Issue 16 added one to the booking's transaction: the
// INSERT ... SELECT of its webhook events (the outbox), which writes nothing when no endpoint subscribes.
const PRICED_STATEMENT_BUDGET = 14;

describe.skipIf(!postgres)("a priced POST /bookings reads its booking once", () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await buildTestServer(postgres ?? { driver: "postgres" }, {
      LOG_LEVEL: "warn",
      SESSION_CACHE_SECONDS: "5",
      HOLDS_PER_USER: "100",
      BOOKINGS_PER_HOUR: "100",
    });
    token = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
    await adminToken(server);
    // Deliveries of the account's messages share the server's pool; they would fall into the count.
    await server.app.services.jobs.offWork(NOTIFICATION_QUEUE, { wait: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  const surfaces = {
    rest: (body: object) => server.postJson("/api/v1/bookings", body, bearer(token)),
    trpc: (body: object) => trpcMutation(server, "bookings.create", body, bearer(token)),
  };

  it.each(Object.keys(surfaces) as (keyof typeof surfaces)[])("through %s", async (surface) => {
    const resource = await createTestResource(server, { price: { amount: 1500, currency: "EUR" } });
    const book = async (slot: { start: string }) => {
      const response = await surfaces[surface]({ resourceId: resource.id, start: slot.start, attendee });
      expect(response.statusCode, response.body).toBe(surface === "rest" ? 201 : 200);
      const booking = surface === "rest" ? response.json() : response.json().result.data;
      // The answer still carries what a held booking shows: the checkout the booker is sent to.
      expect(booking).toMatchObject({ status: "held", checkoutUrl: expect.stringContaining("/dev/checkout/") });
    };
    await book(await firstFreeSlot(server, resource.id, 1)); // warm-up: queue lookups, caches
    // Three bookings, the fewest statements counted: a background task may fall into one, hardly into all.
    const counts: string[][] = [];
    for (const daysAhead of [3, 6, 9]) {
      const slot = await firstFreeSlot(server, resource.id, daysAhead);
      counts.push(await statementsOf(() => book(slot)));
    }
    const fewest = counts.reduce((best, statements) => (statements.length < best.length ? statements : best));
    if (process.env.SHOW_BOOKING_STATEMENTS) console.log(listStatements(fewest));
    expect(fewest.filter((text) => READS_A_BOOKING.test(text))).toEqual([]);
    expect(fewest.length, listStatements(fewest)).toBeLessThanOrEqual(PRICED_STATEMENT_BUDGET);
  });
});
