// Scenario 2 of issue 12: booking writes under a closed loop of 1000 connections, spread over 50 resources
// (one seat each) and thousands of slots. Each (resource, slot) is asked for twice by requests sent close
// together, so about half the answers are 409 SLOT_TAKEN and the locking is exercised, not only the inserts.
// After the load, SQL checks that no seat is double-booked.
import { type BenchDatabase, withClient } from "./bench-database.js";
import { userEmail } from "./bench-fixtures.js";
import { runClosedLoop } from "./closed-loop.js";
import type { ScenarioResult } from "./scenario-result.js";
import type { ServerUnderTest } from "./server-under-test.js";

/** Distinct 15-minute slots per resource the scenario walks through (about 208 days, inside the horizon). */
const SLOTS = 20_000;
/** Requests for the same (resource, slot). */
const ASKS_PER_SLOT = 2;

export interface WriteScenarioContext {
  server: ServerUnderTest;
  database: BenchDatabase;
  resourceIds: string[];
  /** One signed-in account per token; requests rotate over them. */
  bookerTokens: string[];
  tomorrow: Date;
  durationSeconds: number;
}

export async function runWriteScenario(context: WriteScenarioContext): Promise<ScenarioResult> {
  const { resourceIds, bookerTokens } = context;
  const perRound = resourceIds.length * ASKS_PER_SLOT;
  let counter = 0;
  const result = await runClosedLoop({
    scenario: "2. writes: bookings",
    target: `POST /api/v1/bookings (${resourceIds.length} resources × ${SLOTS} slots, each slot asked ${ASKS_PER_SLOT}×)`,
    url: context.server.baseUrl,
    durationSeconds: context.durationSeconds,
    expectedStatuses: [409],
    requests: [
      {
        method: "POST",
        path: "/api/v1/bookings",
        setupRequest: (request) => {
          const index = counter++;
          const booker = index % bookerTokens.length;
          const slot = Math.floor(index / perRound) % SLOTS;
          return {
            ...request,
            headers: { "content-type": "application/json", authorization: `Bearer ${bookerTokens[booker] ?? ""}` },
            body: JSON.stringify({
              resourceId: resourceIds[index % resourceIds.length],
              start: new Date(context.tomorrow.getTime() + slot * 15 * 60_000).toISOString(),
              attendee: { name: `Bench User ${booker}`, email: userEmail(booker) },
            }),
          };
        },
      },
    ],
    server: context.server,
    database: context.database,
  });
  result.notes.push(await doubleBookingReport(context.database));
  return result;
}

/** Seats held twice at once, and slots holding more seats than the resource has, among live bookings. */
export async function doubleBookingReport(database: BenchDatabase): Promise<string> {
  try {
    return await withClient(database.url, async (client) => {
      const live = "('held', 'confirmed')";
      const seats = await client.query<{ n: string }>(
        `select count(*) as n from booking_seats a
           join booking_seats b on a.resource_id = b.resource_id and a.seat_number = b.seat_number
             and a.booking_id < b.booking_id and a.occupied && b.occupied
           join bookings x on x.id = a.booking_id join bookings y on y.id = b.booking_id
          where x.status in ${live} and y.status in ${live}`,
      );
      const over = await client.query<{ n: string }>(
        `select count(*) as n from (
           select b.resource_id, b.start_at from bookings b join resources r on r.id = b.resource_id
            where b.status in ${live} group by b.resource_id, b.start_at, r.capacity having sum(b.seats) > r.capacity) as t`,
      );
      const stored = await client.query<{ n: string }>(`select count(*) as n from bookings where status in ${live}`);
      const doubled = Number(seats.rows[0]?.n ?? 0);
      const overfull = Number(over.rows[0]?.n ?? 0);
      const verdict = doubled === 0 && overfull === 0 ? "none" : "FOUND";
      return `double bookings (SQL after the load): ${verdict}: ${doubled} seat pairs overlapping, ${overfull} slots over capacity, ${stored.rows[0]?.n ?? "?"} live bookings stored`;
    });
  } catch (error) {
    return `double-booking check failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
