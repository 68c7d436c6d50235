import { bookings, waitlistEntries } from "@bookable/db";
import type { WaitlistEntryOutput } from "@bookable/validators";
import { and, eq, inArray } from "drizzle-orm";
import { AppError } from "../app-error.js";
import { occupiedRange } from "../availability/compute-available-slots.js";
import type { BookingViewer } from "../booking-store/find-booking.js";
import { lockSeatRange } from "../booking-store/seat-allocation.js";
import { readWaitlistEntry } from "./list-waitlist.js";
import { offerInTransaction } from "./release-slot.js";
import type { WaitlistDependencies } from "./waitlist-dependencies.js";

/**
 * Takes an entry out of its line: the person leaves, or an admin removes them. An entry that holds an offer
 * declines it: the offer's hold runs out now, through the ordinary expiry (its checkout is closed by the payments
 * sweep like any expired hold's), and the seat is offered to the next in line in the same transaction.
 */
export async function leaveWaitlist(
  deps: WaitlistDependencies,
  viewer: BookingViewer,
  entryId: string,
  now = new Date(),
): Promise<WaitlistEntryOutput> {
  const { db } = deps.payments;
  const [found] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.id, entryId));
  if (!found || (found.userId !== viewer.id && viewer.role !== "admin"))
    throw new AppError("NOT_FOUND", "No such waitlist entry");
  const { resource } = await deps.resources(found.resourceId);
  const offers = await db.transaction(async (transaction) => {
    await lockSeatRange(transaction, resource.id, occupiedRange(resource, found.startAt, found.endAt));
    const [entry] = await transaction
      .update(waitlistEntries)
      .set({ status: "left", updatedAt: now })
      .where(and(eq(waitlistEntries.id, entryId), inArray(waitlistEntries.status, ["waiting", "offered"])))
      .returning();
    if (!entry) throw new AppError("CONFLICT", "This entry is no longer on the waitlist");
    if (entry.bookingId) {
      await transaction
        .update(bookings)
        .set({ holdExpiresAt: now })
        .where(and(eq(bookings.id, entry.bookingId), eq(bookings.status, "held")));
    }
    return offerInTransaction(deps, transaction, { resourceId: entry.resourceId, start: entry.startAt, end: entry.endAt }, now);
  });
  await offers.afterCommit();
  return readWaitlistEntry(db, entryId);
}
