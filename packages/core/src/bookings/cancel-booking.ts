import { bookingSeats, bookings, type Database } from "@bookable/db";
import type { BookingOutput } from "@bookable/validators";
import { and, eq, inArray } from "drizzle-orm";
import { AppError } from "../app-error.js";
import { type BookingViewer, findVisibleBooking } from "./find-booking.js";
import { toBookingOutput } from "./to-booking-output.js";

/** Cancels a held or confirmed booking that has not started, by its booker or an admin; frees its seats. */
export async function cancelBooking(
  db: Database,
  viewer: BookingViewer,
  bookingId: string,
  now = new Date(),
): Promise<BookingOutput> {
  const { booking, resource } = await findVisibleBooking(db, viewer, bookingId);
  if (booking.status === "cancelled" || booking.status === "expired") {
    throw new AppError("CONFLICT", `This booking is already ${booking.status}`);
  }
  if (booking.startAt <= now) throw new AppError("CONFLICT", "This booking has already started");
  return db.transaction(async (transaction) => {
    const [cancelled] = await transaction
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: now })
      .where(and(eq(bookings.id, booking.id), inArray(bookings.status, ["held", "confirmed"])))
      .returning();
    // Another request cancelled or expired it in the meantime.
    if (!cancelled) throw new AppError("CONFLICT", "This booking was changed meanwhile; reload it");
    await transaction.delete(bookingSeats).where(eq(bookingSeats.bookingId, booking.id));
    return toBookingOutput(cancelled, resource);
  });
}
