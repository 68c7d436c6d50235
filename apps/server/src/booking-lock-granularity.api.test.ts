// Issue 12: bookings of one resource lock only the time buckets their occupied range touches, so separate
// slots do not queue behind each other, while overlapping ones still take turns and never double-book.
import { lockSeatRange } from "@bookable/core";
import { bookingSeats } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const MINUTE = 60_000;
const attendee = { name: "Parallel", email: "parallel@example.com" };
// Open late, so slots hours after the first free one (08:00–15:59 UTC) are still offered whatever the time.
const longDays = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "06:00", end: "23:00" }));

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("booking locks on $driver", (target) => {
  let server: TestServer;
  let tokens: string[];

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000", DATABASE_POOL_MAX: "20", LOG_LEVEL: "warn" });
    tokens = await Promise.all(
      Array.from({ length: 5 }, async () => (await tokenPair(server, await registerVerifiedAccount(server))).accessToken),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  const book = (resourceId: string, start: string, token: string) =>
    server.postJson("/api/v1/bookings", { resourceId, start, attendee }, bearer(token));

  /** Resolves once some connection of the test database waits for an advisory lock (a booking queued on one). */
  async function someoneWaitsOnAnAdvisoryLock(): Promise<void> {
    for (let poll = 0; poll < 1_000; poll++) {
      const result = await server.database.db.execute(
        sql`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'`,
      );
      if ((result as unknown as { rows: { waiting: number }[] }).rows[0]?.waiting) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("no booking ever waited on an advisory lock");
  }

  // PGlite is one connection: an open transaction there holds everything off, by design. The parallelism
  // these prove only exists on PostgreSQL, so they are declared for it alone (not skipped on PGlite).
  if (target.driver === "postgres")
    it("books a different slot of the same resource while a booking of another slot holds its locks", async () => {
      const resource = await createTestResource(server, {
        weeklyHours: longDays,
        bufferBeforeMinutes: 10,
        bufferAfterMinutes: 15,
      });
      const slotA = await firstFreeSlot(server, resource.id);
      const startB = new Date(Date.parse(slotA.start) + 3 * 60 * MINUTE).toISOString();
      const occupiedA = {
        start: new Date(Date.parse(slotA.start) - 10 * MINUTE),
        end: new Date(Date.parse(slotA.end) + 15 * MINUTE),
      };
      let overlapping: Promise<{ statusCode: number }> | undefined;
      await server.database.db.transaction(async (transaction) => {
        // Exactly what a booking of slot A holds until it commits.
        await lockSeatRange(transaction, resource.id, occupiedA);
        // Slot B completes meanwhile; were it queued behind A, a waiter would show up first and fail the test.
        const slotB = await Promise.race([
          book(resource.id, startB, tokens[0] ?? ""),
          someoneWaitsOnAnAdvisoryLock().then(() => {
            throw new Error("the booking of slot B waited for slot A's locks");
          }),
        ]);
        expect(slotB.statusCode).toBe(201);
        // A booking of slot A itself does wait for them.
        overlapping = book(resource.id, slotA.start, tokens[1] ?? "");
        await someoneWaitsOnAnAdvisoryLock();
      });
      expect((await overlapping)?.statusCode).toBe(201);
    });

  if (target.driver === "postgres")
    it("makes every booking of the resource wait while a range longer than a day of buckets holds its lock", async () => {
      const resource = await createTestResource(server, { weeklyHours: longDays });
      const slot = await firstFreeSlot(server, resource.id);
      // Two days later and two days long: it shares no bucket with the slot, yet locks the whole resource.
      const long = {
        start: new Date(Date.parse(slot.start) + 2 * 24 * 60 * MINUTE),
        end: new Date(Date.parse(slot.start) + 4 * 24 * 60 * MINUTE),
      };
      let waiting: Promise<{ statusCode: number }> | undefined;
      await server.database.db.transaction(async (transaction) => {
        await lockSeatRange(transaction, resource.id, long);
        waiting = book(resource.id, slot.start, tokens[2] ?? "");
        await someoneWaitsOnAnAdvisoryLock();
      });
      expect((await waiting)?.statusCode).toBe(201);
    });

  it("never double-books slots whose buffered ranges overlap across a bucket boundary", async () => {
    // 50-minute slots with buffers of 10 before and 5 after: neighbours overlap by 15 minutes, a stretch that
    // crosses a bucket boundary unless it happens to fill one bucket exactly; the next but one is free.
    const resource = await createTestResource(server, {
      weeklyHours: longDays,
      slotMinutes: 50,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 5,
    });
    const first = await firstFreeSlot(server, resource.id);
    const starts = [0, 50, 100, 150].map((minutes) => new Date(Date.parse(first.start) + minutes * MINUTE).toISOString());
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        book(resource.id, starts[index % starts.length] ?? "", tokens[index % tokens.length] ?? ""),
      ),
    );
    const unexpected = responses.filter(
      // ALREADY_BOOKED: an account that won one of the overlapping slots tried it again (issue 15).
      (response) => response.statusCode !== 201 && !["SLOT_TAKEN", "ALREADY_BOOKED"].includes(response.json().error?.code),
    );
    expect(unexpected.map((response) => response.body)).toEqual([]);
    const won = responses.filter((response) => response.statusCode === 201).map((response) => response.json().start as string);
    // Winners are pairwise apart by at least two slots, and at least one of each overlapping pair won.
    const offsets = won.map((start) => (Date.parse(start) - Date.parse(first.start)) / MINUTE).sort((a, b) => a - b);
    for (let index = 1; index < offsets.length; index++)
      expect((offsets[index] ?? 0) - (offsets[index - 1] ?? 0)).toBeGreaterThanOrEqual(100);
    expect(won.length).toBeGreaterThanOrEqual(2);
    const rows = await server.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(bookingSeats)
      .where(eq(bookingSeats.resourceId, resource.id));
    expect(rows[0]?.count).toBe(won.length);
  });
});
