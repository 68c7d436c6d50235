import { bookingSeats, type DatabaseExecutor } from "@bookable/db";
import { sql } from "drizzle-orm";
import { expireOverdueHolds } from "./expire-holds.js";
import { occupiedRangeSql, occupiedSeats } from "./occupied-seats.js";

/**
 * Makes bookings of one resource take turns within their transactions. Correctness does not depend on it
 * (the exclusion constraint decides), but simultaneous inserts into that constraint wait on each other and
 * deadlock; dozens at once turn into a storm of 1-second deadlock timeouts and retries. The lock is
 * transaction-scoped: released at commit or rollback. Every path that inserts seat rows takes it first.
 */
export async function lockResourceBookings(transaction: DatabaseExecutor, resourceId: string): Promise<void> {
  await transaction.execute(sql`select pg_advisory_xact_lock(hashtextextended(${resourceId}, 0))`);
}

/**
 * The lowest free seat numbers of a resource over an occupied range, or null when fewer than `seats` are
 * free. Releases the resource's overdue holds first, so an expired hold never blocks a seat. Call it with
 * the resource's bookings locked (lockResourceBookings).
 */
export async function freeSeatNumbers(
  transaction: DatabaseExecutor,
  resource: { id: string; capacity: number },
  occupied: { start: Date; end: Date },
  seats: number,
  now: Date,
): Promise<number[] | null> {
  await expireOverdueHolds(transaction, now, resource.id);
  const held = await occupiedSeats(transaction, resource.id, occupied.start, occupied.end, now);
  const taken = new Set(held.map((seat) => seat.seatNumber));
  const free = Array.from({ length: resource.capacity }, (_, index) => index + 1).filter((seat) => !taken.has(seat));
  // Rows above the capacity (left from before it was lowered) still count against it.
  if (free.length < seats || resource.capacity - taken.size < seats) return null;
  return free.slice(0, seats);
}

export async function insertSeatRows(
  transaction: DatabaseExecutor,
  booking: { id: string; resourceId: string },
  seatNumbers: number[],
  occupied: { start: Date; end: Date },
): Promise<void> {
  await transaction.insert(bookingSeats).values(
    seatNumbers.map((seatNumber) => ({
      bookingId: booking.id,
      resourceId: booking.resourceId,
      seatNumber,
      occupied: occupiedRangeSql(occupied.start, occupied.end),
    })),
  );
}
