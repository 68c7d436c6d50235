// The waitlist under a storm (issue 15): two seats freed while twenty people wait (joining at that moment),
// other people try to book the freed seats, and sweeps run side by side: exactly two offers, to the first two
// in line, and never a double booking, counted in the database. On PostgreSQL the requests truly race on
// separate connections; on PGlite they queue.
import { bookingSeats, bookings, waitlistEntries } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { bookAs, cancelAs, makeHoldOverdue } from "../test/payment-helpers.js";
import { createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const WAITING = 20;

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("waitlist storm on $driver", (target) => {
  let server: TestServer;
  let waiters: string[];
  let holders: string[];
  let snipers: string[];

  const account = async () => (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
  const join = (token: string, resourceId: string, start: string) =>
    server.postJson(
      `/api/v1/resources/${resourceId}/waitlist`,
      { start, attendee: { name: "Wai Ting", email: "wait@example.com" } },
      bearer(token),
    );

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000", DATABASE_POOL_MAX: "20", LOG_LEVEL: "warn" });
    waiters = await Promise.all(Array.from({ length: WAITING }, account));
    holders = await Promise.all(Array.from({ length: 2 }, account));
    snipers = await Promise.all(Array.from({ length: 5 }, account));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  /** What the database holds for the resource: live bookings, seat rows, overlapping seat rows, entries by status. */
  async function ledger(resourceId: string) {
    const db = server.database.db;
    const [live] = await db
      .select({ n: count() })
      .from(bookings)
      .where(and(eq(bookings.resourceId, resourceId), inArray(bookings.status, ["held", "confirmed"])));
    const [seats] = await db.select({ n: count() }).from(bookingSeats).where(eq(bookingSeats.resourceId, resourceId));
    const [overlapping] = await db
      .select({ n: count() })
      .from(sql`${bookingSeats} a join ${bookingSeats} b on a.resource_id = b.resource_id and a.seat_number = b.seat_number
        and a.booking_id < b.booking_id and a.occupied && b.occupied`)
      .where(sql`a.resource_id = ${resourceId}`);
    const entries = await db
      .select()
      .from(waitlistEntries)
      .where(eq(waitlistEntries.resourceId, resourceId))
      .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id));
    return { live: live?.n, seats: seats?.n, overlapping: overlapping?.n, entries };
  }

  it(`offers exactly two freed seats to the first two of ${WAITING} waiting, never double-booking them`, async () => {
    const resource = await createTestResource(server, { capacity: 2 });
    const slot = await firstFreeSlot(server, resource.id);
    const held = await Promise.all(holders.map((token) => bookAs(server, token, { resourceId: resource.id, start: slot.start })));
    expect(held.map((response) => response.statusCode)).toEqual([201, 201]);

    // Half the line is there before the seats free up; the other half joins while they do.
    const early = await Promise.all(waiters.slice(0, WAITING / 2).map((token) => join(token, resource.id, slot.start)));
    expect(early.map((response) => response.statusCode)).toEqual(Array(WAITING / 2).fill(201));

    const storm = await Promise.all([
      ...waiters.slice(WAITING / 2).map((token) => join(token, resource.id, slot.start)),
      ...held.map((response, index) => cancelAs(server, holders[index] ?? "", response.json().id)),
      ...snipers.map((token) => bookAs(server, token, { resourceId: resource.id, start: slot.start })),
      server.app.services.core.waitlist.sweep(resource.id).then(() => ({ statusCode: 0, body: "sweep" })),
      server.app.services.core.waitlist.sweep(resource.id).then(() => ({ statusCode: 0, body: "sweep" })),
    ]);
    const late = storm.slice(0, WAITING / 2);
    const cancels = storm.slice(WAITING / 2, WAITING / 2 + 2);
    const snipes = storm.slice(WAITING / 2 + 2, WAITING / 2 + 2 + snipers.length);
    expect(cancels.map((response) => response.statusCode)).toEqual([200, 200]);
    // The freed seats went to the line inside the cancellations: nobody could book them, and the line stayed open.
    expect(snipes.map((response) => response.statusCode)).toEqual(Array(snipers.length).fill(409));
    expect(late.map((response) => response.statusCode)).toEqual(Array(WAITING / 2).fill(201));

    const after = await ledger(resource.id);
    expect(after).toMatchObject({ live: 2, seats: 2, overlapping: 0 });
    expect(after.entries).toHaveLength(WAITING);
    // The two offers went to the first two in line (the early half; their order is created_at, id).
    expect(after.entries.map((entry) => entry.status)).toEqual(["offered", "offered", ...Array(WAITING - 2).fill("waiting")]);
    const offeredBookings = after.entries.flatMap((entry) => (entry.bookingId ? [entry.bookingId] : []));
    const offers = await server.database.db.select().from(bookings).where(inArray(bookings.id, offeredBookings));
    expect(offers.map((booking) => booking.status)).toEqual(["held", "held"]);

    // Both offers run out while sweeps race each other: the next two are offered, once each.
    for (const bookingId of offeredBookings) await makeHoldOverdue(server, bookingId);
    const sweeps = await Promise.all(Array.from({ length: 4 }, () => server.app.services.core.waitlist.sweep(resource.id)));
    expect(sweeps.reduce((sum, made) => sum + made, 0)).toBe(2);
    const later = await ledger(resource.id);
    expect(later).toMatchObject({ live: 2, seats: 2, overlapping: 0 });
    expect(later.entries.map((entry) => entry.status)).toEqual([
      "lapsed",
      "lapsed",
      "offered",
      "offered",
      ...Array(WAITING - 4).fill("waiting"),
    ]);
  }, 120_000);
});
