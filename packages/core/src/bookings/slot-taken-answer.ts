import { bookings, type DatabaseExecutor } from "@bookable/db";
import { and, eq, gt, inArray, lt } from "drizzle-orm";
import { AppError } from "../app-error.js";

/**
 * The answer to a booking that found no free seat (issue 15): when the caller's own live booking of this
 * resource overlaps the slot (booked in another tab, or a double click), they are told so (ALREADY_BOOKED)
 * instead of "someone else booked it". Only the caller's bookings are looked at, so nothing about other
 * people's bookings is revealed: for them it stays SLOT_TAKEN.
 */
export async function slotTakenAnswer(
  executor: DatabaseExecutor,
  slot: { userId: string; resourceId: string; start: Date; end: Date },
): Promise<AppError> {
  const [own] = await executor
    .select({ id: bookings.id })
    .from(bookings)
    .where(
      and(
        eq(bookings.userId, slot.userId),
        eq(bookings.resourceId, slot.resourceId),
        inArray(bookings.status, ["held", "confirmed"]),
        lt(bookings.startAt, slot.end),
        gt(bookings.endAt, slot.start),
      ),
    )
    .limit(1);
  if (own) return new AppError("ALREADY_BOOKED", "You already booked this time");
  return new AppError("SLOT_TAKEN", "Someone else just booked this slot; pick another");
}
