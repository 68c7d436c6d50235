// No double booking under concurrency: PostgreSQL's exclusion constraint decides, whatever the timing.
// On the machine's PostgreSQL the attempts truly race on separate connections; on PGlite they queue.
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const ATTEMPTS = 50;

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("simultaneous bookings on $driver", (target) => {
  let server: TestServer;
  let tokens: string[];
  const attendee = { name: "Racer", email: "racer@example.com" };

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000", DATABASE_POOL_MAX: "20", LOG_LEVEL: "warn" });
    // Five different people, each sending ten of the attempts.
    tokens = await Promise.all(
      Array.from({ length: 5 }, async () => (await tokenPair(server, await registerVerifiedAccount(server))).accessToken),
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  const race = (resourceId: string, starts: string[]) =>
    Promise.all(
      Array.from({ length: ATTEMPTS }, (_, index) =>
        server.postJson(
          "/api/v1/bookings",
          { resourceId, start: starts[index % starts.length], attendee },
          bearer(tokens[index % tokens.length] ?? ""),
        ),
      ),
    );

  // No seat left: SLOT_TAKEN, or ALREADY_BOOKED for the attempts of the account that won it (issue 15).
  const noSeatLeft = (code: string | undefined) => code === "SLOT_TAKEN" || code === "ALREADY_BOOKED";
  const outcome = (responses: { statusCode: number; body: string; json: () => { error?: { code: string } } }[]) => ({
    won: responses.filter((response) => response.statusCode === 201).length,
    slotTaken: responses.filter((response) => response.statusCode === 409 && noSeatLeft(response.json().error?.code)).length,
    // Anything else would be a bug; listed so a failure shows what it was.
    other: responses
      .filter((response) => response.statusCode !== 201 && !noSeatLeft(response.json().error?.code))
      .map((response) => response.body),
  });

  it(`lets exactly 1 of ${ATTEMPTS} attempts at one slot of a capacity-1 resource win; the rest get 409 SLOT_TAKEN`, async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    expect(outcome(await race(resource.id, [slot.start]))).toEqual({ won: 1, slotTaken: ATTEMPTS - 1, other: [] });
    const after = await firstFreeSlot(server, resource.id);
    expect(after.start).not.toBe(slot.start);
  });

  it(`lets exactly 3 of ${ATTEMPTS} attempts win on a capacity-3 resource`, async () => {
    const resource = await createTestResource(server, { capacity: 3 });
    const slot = await firstFreeSlot(server, resource.id);
    expect(outcome(await race(resource.id, [slot.start]))).toEqual({ won: 3, slotTaken: ATTEMPTS - 3, other: [] });
  });

  it("treats overlapping but not identical slots as one: of two half-hour-shifted slots only one is booked", async () => {
    // Two weekly intervals half an hour apart give hour-long slots starting on the hour and on the half hour.
    const resource = await createTestResource(server, {
      weeklyHours: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
        { weekday, start: "08:00", end: "20:00" },
        { weekday, start: "08:30", end: "19:30" },
      ]),
    });
    const slot = await firstFreeSlot(server, resource.id);
    const shifted = new Date(Date.parse(slot.start) + 30 * 60_000).toISOString();
    const result = outcome(await race(resource.id, [slot.start, shifted]));
    expect(result).toEqual({ won: 1, slotTaken: ATTEMPTS - 1, other: [] });
  });

  it("is enforced by PostgreSQL itself: a second overlapping row for one seat is refused whatever writes it", async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    await server.postJson("/api/v1/bookings", { resourceId: resource.id, start: slot.start, attendee }, bearer(tokens[0] ?? ""));
    // A second booking, days later, whose seat rows are then written by hand, bypassing the booking service.
    const elsewhere = await firstFreeSlot(server, resource.id, 5);
    const other = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: elsewhere.start, attendee },
      bearer(tokens[1] ?? ""),
    );
    const { bookingSeats } = await import("@bookable/db");
    const { eq, sql } = await import("drizzle-orm");
    await server.database.db.delete(bookingSeats).where(eq(bookingSeats.bookingId, other.json().id));
    const seat = (seatNumber: number, from: string, to: string) =>
      server.database.db.insert(bookingSeats).values({
        bookingId: other.json().id,
        resourceId: resource.id,
        seatNumber,
        occupied: sql`tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')`,
      });
    const halfway = new Date(Date.parse(slot.start) + 30 * 60_000).toISOString();
    const later = new Date(Date.parse(slot.start) + 90 * 60_000).toISOString();
    await expect(seat(1, halfway, later)).rejects.toMatchObject({ cause: expect.objectContaining({ code: "23P01" }) });
    // Another seat of the same resource, or the same seat right after the booking, is fine.
    await expect(seat(2, halfway, later)).resolves.toBeDefined();
    await expect(seat(1, slot.end, later)).resolves.toBeDefined();
  });

  it("counts buffers as occupied: a booking's buffer blocks a neighbour booked at the same moment", async () => {
    const resource = await createTestResource(server, { bufferAfterMinutes: 15 });
    const slot = await firstFreeSlot(server, resource.id);
    const next = new Date(Date.parse(slot.start) + 60 * 60_000).toISOString();
    expect(outcome(await race(resource.id, [slot.start, next]))).toEqual({ won: 1, slotTaken: ATTEMPTS - 1, other: [] });
  });
});
