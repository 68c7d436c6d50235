import { bookingSeats, bookings, type Database, type DatabaseExecutor } from "@bookable/db";
import { and, eq, sql } from "drizzle-orm";
import type { OccupiedInterval } from "../availability/compute-available-slots.js";

/** The range literal for a half-open [start, end) instant range, as the column stores it. */
export function occupiedRangeSql(start: Date, end: Date) {
  return sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`;
}

export interface OccupiedSeat extends OccupiedInterval {
  seatNumber: number;
  /** When the hold behind this seat runs out and frees it; null for a confirmed booking. */
  holdExpiresAt: Date | null;
}

/**
 * Seats held on a resource within [from, to): one interval per seat row, buffers included.
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
      holdExpiresAt: sql<string | null>`case when ${bookings.status} = 'held' then ${bookings.holdExpiresAt} end`,
    })
    .from(bookingSeats)
    .innerJoin(bookings, eq(bookings.id, bookingSeats.bookingId))
    .where(
      and(
        eq(bookingSeats.resourceId, resourceId),
        sql`${bookingSeats.occupied} && ${occupiedRangeSql(from, to)}`,
        // Only live bookings hold seats: confirmed ones, and holds whose time has not run out (even before
        // the expiry sweep has caught up with them).
        sql`(${bookings.status} = 'confirmed' or (${bookings.status} = 'held' and ${bookings.holdExpiresAt} > ${now.toISOString()}::timestamptz))`,
      ),
    );
  return rows.map((row) => ({
    start: new Date(row.start),
    end: new Date(row.end),
    seats: 1,
    seatNumber: row.seatNumber,
    holdExpiresAt: row.holdExpiresAt === null ? null : new Date(row.holdExpiresAt),
  }));
}
