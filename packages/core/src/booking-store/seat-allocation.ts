import { bookingSeats, bookings, type DatabaseExecutor } from "@bookable/db";
import { sql } from "drizzle-orm";
import { occupiedRangeSql } from "./occupied-seats.js";

export { lockResourceBookings, lockSeatRange } from "./seat-range-locks.js";

/**
 * The lowest free seat numbers of a resource over an occupied range, or null when fewer than `seats` are
 * free. In the same statement it releases the overdue holds whose seats overlap the range (the sweep releases
 * the rest), so an expired hold never blocks a seat. Holds another transaction is releasing at this moment
 * are skipped rather than waited for: they are not live, so they are not counted as taken either. Call it
 * with the range locked (lockSeatRange, or lockResourceBookings), in a statement after the lock's, so its
 * snapshot sees the seats of the booking that held the lock before.
 */
export async function freeSeatNumbers(
  transaction: DatabaseExecutor,
  resource: { id: string; capacity: number },
  occupied: { start: Date; end: Date },
  seats: number,
  now: Date,
): Promise<number[] | null> {
  const range = occupiedRangeSql(occupied.start, occupied.end);
  const at = sql`${now.toISOString()}::timestamptz`;
  // Data-modifying CTEs run whether or not the main query reads them; the main query sees the rows as they
  // were before the statement, so the released holds' seats are left out by the liveness test, not the delete.
  const result = await transaction.execute(sql`
    with overdue as (
      select ${bookings.id} as id from ${bookings}
      where ${bookings.resourceId} = ${resource.id} and ${bookings.status} = 'held' and ${bookings.holdExpiresAt} <= ${at}
        and exists (select 1 from ${bookingSeats} where ${bookingSeats.bookingId} = ${bookings.id} and ${bookingSeats.occupied} && ${range})
      for update of ${bookings} skip locked
    ), expired as (
      update ${bookings} set status = 'expired' where ${bookings.id} in (select id from overdue) returning ${bookings.id}
    ), released as (
      delete from ${bookingSeats} where ${bookingSeats.bookingId} in (select id from expired)
    )
    select ${bookingSeats.seatNumber} as seat_number from ${bookingSeats}
    inner join ${bookings} on ${bookings.id} = ${bookingSeats.bookingId}
    where ${bookingSeats.resourceId} = ${resource.id} and ${bookingSeats.occupied} && ${range}
      and (${bookings.status} = 'confirmed' or (${bookings.status} = 'held' and ${bookings.holdExpiresAt} > ${at}))`);
  const taken = new Set(seatNumbersOf(result));
  const free = Array.from({ length: resource.capacity }, (_, index) => index + 1).filter((seat) => !taken.has(seat));
  // Rows above the capacity (left from before it was lowered) still count against it.
  if (free.length < seats || resource.capacity - taken.size < seats) return null;
  return free.slice(0, seats);
}

/** Both drivers answer `execute` with `rows`; Bookable's Database type leaves the result unknown. */
function seatNumbersOf(result: unknown): number[] {
  if (typeof result !== "object" || result === null || !("rows" in result) || !Array.isArray(result.rows)) {
    throw new Error("The database driver answered without rows");
  }
  return result.rows.map((row: unknown) => {
    const value = typeof row === "object" && row !== null && "seat_number" in row ? row.seat_number : null;
    if (typeof value !== "number") throw new Error("A seat row without a seat number");
    return value;
  });
}

/** The seat rows of a booking over its occupied range, as values for one multi-row insert. */
export function seatRowValues(
  booking: { id: string; resourceId: string },
  seatNumbers: number[],
  occupied: { start: Date; end: Date },
) {
  return seatNumbers.map((seatNumber) => ({
    bookingId: booking.id,
    resourceId: booking.resourceId,
    seatNumber,
    occupied: occupiedRangeSql(occupied.start, occupied.end),
  }));
}

export async function insertSeatRows(
  transaction: DatabaseExecutor,
  booking: { id: string; resourceId: string },
  seatNumbers: number[],
  occupied: { start: Date; end: Date },
): Promise<void> {
  await transaction.insert(bookingSeats).values(seatRowValues(booking, seatNumbers, occupied));
}
