import { bookingSeats, bookings, type DatabaseExecutor } from "@bookable/db";
import { and, eq, inArray, lte } from "drizzle-orm";

/**
 * Releases every hold whose time ran out: the booking becomes `expired` and its seats are freed. Run by
 * the server on a timer and before each booking of a resource; returns the ids it expired.
 */
export async function expireOverdueHolds(db: DatabaseExecutor, now = new Date(), resourceId?: string): Promise<string[]> {
  const expired = await db
    .update(bookings)
    .set({ status: "expired" })
    .where(
      and(
        eq(bookings.status, "held"),
        lte(bookings.holdExpiresAt, now),
        resourceId ? eq(bookings.resourceId, resourceId) : undefined,
      ),
    )
    .returning({ id: bookings.id });
  const ids = expired.map((row) => row.id);
  if (ids.length > 0) await db.delete(bookingSeats).where(inArray(bookingSeats.bookingId, ids));
  return ids;
}
