// The availability version of a resource (migration 0006) grows with every committed change that can alter
// its availability answers, and only then; on both databases.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "./database.js";
import { availabilityVersions, bookingSeats, bookings, resourceDateOverrides, resources, users } from "./schema.js";
import { openTestDatabase, testDatabaseTargets } from "./testing/test-database.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("availability versions on $driver", (target) => {
  let database: DatabaseHandle;
  let userId: string;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    const [user] = await database.db
      .insert(users)
      .values({ username: "versions", email: "versions@example.com" })
      .returning({ id: users.id });
    userId = user?.id ?? "";
  });
  afterAll(async () => {
    await database?.close();
  });

  let slugs = 0;
  async function createResource(): Promise<string> {
    slugs += 1;
    const [row] = await database.db
      .insert(resources)
      .values({ slug: `room-${slugs}`, name: "Room", timeZone: "UTC", slotMinutes: 60, capacity: 2 })
      .returning({ id: resources.id });
    return row?.id ?? "";
  }
  async function versionOf(resourceId: string): Promise<bigint | undefined> {
    const [row] = await database.db
      .select({ version: availabilityVersions.version })
      .from(availabilityVersions)
      .where(eq(availabilityVersions.resourceId, resourceId));
    return row?.version;
  }
  async function insertBooking(resourceId: string, status: "held" | "confirmed", hour: number) {
    const start = new Date(Date.UTC(2030, 0, 1, hour));
    const end = new Date(start.getTime() + 3600_000);
    const [booking] = await database.db
      .insert(bookings)
      .values({
        resourceId,
        userId,
        status,
        startAt: start,
        endAt: end,
        attendeeName: "Ada",
        attendeeEmail: "ada@example.com",
        priceAmount: 0,
        currency: "EUR",
        holdExpiresAt: status === "held" ? new Date(Date.now() + 600_000) : null,
      })
      .returning({ id: bookings.id });
    return { id: booking?.id ?? "", start, end };
  }
  async function insertSeat(resourceId: string, booking: { id: string; start: Date; end: Date }, seatNumber = 1) {
    await database.db.insert(bookingSeats).values({
      bookingId: booking.id,
      resourceId,
      seatNumber,
      occupied: sql`tstzrange(${booking.start.toISOString()}::timestamptz, ${booking.end.toISOString()}::timestamptz, '[)')`,
    });
  }
  /** Runs a change and returns how much the resource's version grew. */
  async function growthOf(resourceId: string, change: () => Promise<unknown>): Promise<bigint> {
    const before = (await versionOf(resourceId)) ?? 0n;
    await change();
    return ((await versionOf(resourceId)) ?? 0n) - before;
  }

  it("exists from the resource's creation and grows with every edit of it", async () => {
    const resourceId = await createResource();
    expect(await versionOf(resourceId)).toBe(1n);
    expect(
      await growthOf(resourceId, () => database.db.update(resources).set({ capacity: 3 }).where(eq(resources.id, resourceId))),
    ).toBeGreaterThan(0n);
  });

  it("grows when a date override is set, changed or deleted", async () => {
    const resourceId = await createResource();
    const override = { resourceId, date: "2030-01-01", closed: true };
    expect(await growthOf(resourceId, () => database.db.insert(resourceDateOverrides).values(override))).toBeGreaterThan(0n);
    expect(
      await growthOf(resourceId, () =>
        database.db.update(resourceDateOverrides).set({ closed: false }).where(eq(resourceDateOverrides.resourceId, resourceId)),
      ),
    ).toBeGreaterThan(0n);
    expect(
      await growthOf(resourceId, () =>
        database.db.delete(resourceDateOverrides).where(eq(resourceDateOverrides.resourceId, resourceId)),
      ),
    ).toBeGreaterThan(0n);
  });

  it("grows when seats are taken or freed, and when a booking's status or hold expiry changes", async () => {
    const resourceId = await createResource();
    const booking = await insertBooking(resourceId, "held", 9);
    expect(await growthOf(resourceId, () => insertSeat(resourceId, booking))).toBeGreaterThan(0n);
    expect(
      await growthOf(resourceId, () =>
        database.db.update(bookings).set({ holdExpiresAt: new Date() }).where(eq(bookings.id, booking.id)),
      ),
    ).toBeGreaterThan(0n);
    expect(
      await growthOf(resourceId, () =>
        database.db.update(bookings).set({ status: "expired" }).where(eq(bookings.id, booking.id)),
      ),
    ).toBeGreaterThan(0n);
    expect(
      await growthOf(resourceId, () => database.db.delete(bookingSeats).where(eq(bookingSeats.bookingId, booking.id))),
    ).toBeGreaterThan(0n);
  });

  it("does not grow for changes no answer depends on, nor for another resource's changes", async () => {
    const resourceId = await createResource();
    const otherId = await createResource();
    const booking = await insertBooking(resourceId, "confirmed", 10);
    expect(
      await growthOf(resourceId, () =>
        database.db.update(bookings).set({ notes: "window seat" }).where(eq(bookings.id, booking.id)),
      ),
    ).toBe(0n);
    expect(
      await growthOf(resourceId, () => database.db.update(resources).set({ capacity: 5 }).where(eq(resources.id, otherId))),
    ).toBe(0n);
  });

  it("keeps a definition version that grows with the resource and its overrides, never with bookings", async () => {
    const resourceId = await createResource();
    const definitionOf = async () => {
      const [row] = await database.db
        .select({ definition: availabilityVersions.definitionVersion })
        .from(availabilityVersions)
        .where(eq(availabilityVersions.resourceId, resourceId));
      return row?.definition ?? 0n;
    };
    const definitionGrowthOf = async (change: () => Promise<unknown>) => {
      const before = await definitionOf();
      await change();
      return (await definitionOf()) - before;
    };
    const booking = await insertBooking(resourceId, "held", 12);
    expect(await definitionGrowthOf(() => insertSeat(resourceId, booking))).toBe(0n);
    expect(
      await definitionGrowthOf(() =>
        database.db.update(bookings).set({ status: "confirmed" }).where(eq(bookings.id, booking.id)),
      ),
    ).toBe(0n);
    expect(await definitionGrowthOf(() => database.db.delete(bookingSeats).where(eq(bookingSeats.bookingId, booking.id)))).toBe(
      0n,
    );

    expect(
      await definitionGrowthOf(() => database.db.update(resources).set({ capacity: 4 }).where(eq(resources.id, resourceId))),
    ).toBeGreaterThan(0n);
    const override = { resourceId, date: "2030-02-01", closed: true };
    expect(await definitionGrowthOf(() => database.db.insert(resourceDateOverrides).values(override))).toBeGreaterThan(0n);
    expect(
      await definitionGrowthOf(() =>
        database.db.update(resourceDateOverrides).set({ closed: false }).where(eq(resourceDateOverrides.resourceId, resourceId)),
      ),
    ).toBeGreaterThan(0n);
    // The answers' version grows with an override as before.
    expect(
      await growthOf(resourceId, () =>
        database.db.delete(resourceDateOverrides).where(eq(resourceDateOverrides.resourceId, resourceId)),
      ),
    ).toBeGreaterThan(0n);
    expect(await definitionOf()).toBeGreaterThan(3n);
  });

  it("does not grow for a change that rolls back", async () => {
    const resourceId = await createResource();
    const booking = await insertBooking(resourceId, "confirmed", 11);
    const growth = await growthOf(resourceId, () =>
      database.db
        .transaction(async (transaction) => {
          await transaction.insert(bookingSeats).values({
            bookingId: booking.id,
            resourceId,
            seatNumber: 1,
            occupied: sql`tstzrange(${booking.start.toISOString()}::timestamptz, ${booking.end.toISOString()}::timestamptz, '[)')`,
          });
          throw new Error("rolled back");
        })
        .catch(() => undefined),
    );
    expect(growth).toBe(0n);
  });

  it("goes away with its resource", async () => {
    const resourceId = await createResource();
    await database.db.insert(resourceDateOverrides).values({ resourceId, date: "2030-01-02", closed: true });
    await database.db.delete(resources).where(eq(resources.id, resourceId));
    expect(await versionOf(resourceId)).toBeUndefined();
  });

  // Two transactions at once need two connections: PostgreSQL only (declared for it, not skipped on PGlite).
  if (target.driver === "postgres")
    it("is locked only at commit, so two bookings of one resource do not wait for each other's transaction", async () => {
      const resourceId = await createResource();
      const first = await insertBooking(resourceId, "confirmed", 12);
      const second = await insertBooking(resourceId, "confirmed", 13);
      let releaseFirst = () => {};
      const firstMayCommit = new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      let firstWrote = () => {};
      const firstHasWritten = new Promise<void>((resolve) => {
        firstWrote = resolve;
      });
      const before = (await versionOf(resourceId)) ?? 0n;
      const firstTransaction = database.db.transaction(async (transaction) => {
        await transaction.insert(bookingSeats).values({
          bookingId: first.id,
          resourceId,
          seatNumber: 1,
          occupied: sql`tstzrange(${first.start.toISOString()}::timestamptz, ${first.end.toISOString()}::timestamptz, '[)')`,
        });
        firstWrote();
        await firstMayCommit;
      });
      await firstHasWritten;
      // While the first transaction is open, the second runs and commits; with an immediate trigger it would
      // wait for the first one's row lock on the version row and fail on the lock timeout.
      try {
        await database.db.transaction(async (transaction) => {
          await transaction.execute(sql`set local lock_timeout = '2s'`);
          await transaction.insert(bookingSeats).values({
            bookingId: second.id,
            resourceId,
            seatNumber: 1,
            occupied: sql`tstzrange(${second.start.toISOString()}::timestamptz, ${second.end.toISOString()}::timestamptz, '[)')`,
          });
        });
      } finally {
        releaseFirst();
        await firstTransaction;
      }
      expect(((await versionOf(resourceId)) ?? 0n) - before).toBe(2n);
    });
});
