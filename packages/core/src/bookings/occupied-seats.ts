import { bookingSeats, bookings, type Database, type DatabaseExecutor } from "@bookable/db";
import { and, eq, sql } from "drizzle-orm";
import type { OccupiedInterval } from "../availability/compute-available-slots.js";

/** The range literal for a half-open [start, end) instant range, as the column stores it. */
export function occupiedRangeSql(start: Date, end: Date) {
  return sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`;
}

export interface OccupiedSeat extends OccupiedInterval {
  seatNumber: number;
}

/**
 * Seats held on a resource within [from, to): one interval per seat row, buffers included. Holds whose
 * time ran out no longer count, even before the expiry job has caught up with them.
 */
export async function occupiedSeats(
  db: Database | DatabaseExecutor,
  resourceId: string,
  from: Date,
  to: Date,
  now: Date,
): Promise<OccupiedSeat[]> {
  const rows = await db
    .select({
      start: sql<string>`lower(${bookingSeats.occupied})`,
      end: sql<string>`upper(${bookingSeats.occupied})`,
      seatNumber: bookingSeats.seatNumber,
    })
    .from(bookingSeats)
    .innerJoin(bookings, eq(bookings.id, bookingSeats.bookingId))
    .where(
      and(
        eq(bookingSeats.resourceId, resourceId),
        sql`${bookingSeats.occupied} && ${occupiedRangeSql(from, to)}`,
        sql`not (${bookings.status} = 'held' and ${bookings.holdExpiresAt} <= ${now.toISOString()}::timestamptz)`,
      ),
    );
  return rows.map((row) => ({ start: new Date(row.start), end: new Date(row.end), seats: 1, seatNumber: row.seatNumber }));
}
