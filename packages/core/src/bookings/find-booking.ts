import { type BookingRow, bookings, type Database, type ResourceRow, resources } from "@bookable/db";
import { eq } from "drizzle-orm";
import { AppError } from "../app-error.js";

export interface BookingViewer {
  id: string;
  role: "member" | "admin";
}

/**
 * A booking the viewer may see: their own, or any for an admin. Anyone else's answers NOT_FOUND, the same
 * as a booking that does not exist, so ids reveal nothing.
 */
export async function findVisibleBooking(
  db: Database,
  viewer: BookingViewer,
  bookingId: string,
): Promise<{ booking: BookingRow; resource: ResourceRow }> {
  const [row] = await db
    .select({ booking: bookings, resource: resources })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(eq(bookings.id, bookingId));
  if (!row || (row.booking.userId !== viewer.id && viewer.role !== "admin")) throw new AppError("NOT_FOUND", "No such booking");
  return row;
}
