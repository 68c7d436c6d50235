import { bookings, resources, waitlistEntries } from "@bookable/db";
import { and, eq, gt, isNull, lte, ne, or } from "drizzle-orm";
import { occupiedRange } from "../availability/compute-available-slots.js";
import { lockSeatRange } from "../booking-store/seat-allocation.js";
import { offerInTransaction } from "./release-slot.js";
import type { WaitlistDependencies } from "./waitlist-dependencies.js";

/**
 * The scheduled half of the waitlist (run with the payments sweep, after holds were released): every slot with
 * an offer that ended (accepted, declined, run out) or with people waiting is looked at under its range locks,
 * and its free seats are offered to the first in line. This is how a hold that expired (payment or offer), a
 * capacity raised or a seat freed by any other path reaches the waitlist. One transaction per slot; a slot
 * that fails is logged and tried again at the next sweep. Returns the number of offers made.
 */
export async function runWaitlistSweep(deps: WaitlistDependencies, now = new Date(), resourceId?: string): Promise<number> {
  const { db } = deps.payments;
  const slots = await db
    .selectDistinct({ resource: resources, start: waitlistEntries.startAt, end: waitlistEntries.endAt })
    .from(waitlistEntries)
    .innerJoin(resources, eq(resources.id, waitlistEntries.resourceId))
    .leftJoin(bookings, eq(bookings.id, waitlistEntries.bookingId))
    .where(
      and(
        resourceId ? eq(waitlistEntries.resourceId, resourceId) : undefined,
        or(
          and(eq(waitlistEntries.status, "waiting"), gt(waitlistEntries.startAt, now)),
          and(
            eq(waitlistEntries.status, "offered"),
            or(isNull(bookings.id), ne(bookings.status, "held"), lte(bookings.holdExpiresAt, now)),
          ),
        ),
      ),
    );
  let offered = 0;
  for (const slot of slots) {
    try {
      const offers = await db.transaction(async (transaction) => {
        await lockSeatRange(transaction, slot.resource.id, occupiedRange(slot.resource, slot.start, slot.end));
        return offerInTransaction(deps, transaction, { resourceId: slot.resource.id, start: slot.start, end: slot.end }, now);
      });
      await offers.afterCommit();
      offered += offers.count;
    } catch (error) {
      deps.payments.log.warn(
        { err: error, resourceId: slot.resource.id, start: slot.start },
        "offering a waitlisted slot failed; the next sweep retries",
      );
    }
  }
  return offered;
}
