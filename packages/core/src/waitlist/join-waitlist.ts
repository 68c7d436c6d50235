import { waitlistEntries } from "@bookable/db";
import type { joinWaitlistInput, WaitlistEntryOutput } from "@bookable/validators";
import type { z } from "zod";
import { AppError } from "../app-error.js";
import { freeSeatNumbers, lockSeatRange } from "../booking-store/seat-allocation.js";
import { requireOfferedSlot } from "../bookings/offered-slot.js";
import { type Booker, requireVerifiedBooker } from "../bookings/require-verified-booker.js";
import { readWaitlistEntry } from "./list-waitlist.js";
import type { WaitlistDependencies } from "./waitlist-dependencies.js";

/**
 * Puts the caller in line for a full slot of a resource. Only a slot the resource offers (opening hours,
 * notice, horizon) and only when it is really full: with a seat free the answer is WAITLIST_SLOT_AVAILABLE
 * (book it instead). The fullness is read under the slot's range locks, the ones bookings and offers take,
 * so a seat freed at this moment is either seen (and refused here) or offered to this entry afterwards.
 */
export async function joinWaitlist(
  deps: WaitlistDependencies,
  booker: Booker,
  input: z.output<typeof joinWaitlistInput>,
  now = new Date(),
): Promise<WaitlistEntryOutput> {
  requireVerifiedBooker(booker);
  const definition = await deps.resources(input.id);
  const { resource } = definition;
  // The same slot check as booking: only a time the resource offers has a line to wait in.
  const { start, end, occupied } = await requireOfferedSlot(definition, input.start, now);
  const entryId = await deps.payments.db.transaction(async (transaction) => {
    await lockSeatRange(transaction, resource.id, occupied);
    if (await freeSeatNumbers(transaction, resource, occupied, 1, now)) {
      throw new AppError("WAITLIST_SLOT_AVAILABLE", "This slot still has a free seat: book it instead of waiting");
    }
    const [entry] = await transaction
      .insert(waitlistEntries)
      .values({
        resourceId: resource.id,
        startAt: start,
        endAt: end,
        userId: booker.id,
        attendeeName: input.attendee.name,
        attendeeEmail: input.attendee.email,
        attendeePhone: input.attendee.phone ?? null,
        attendeeTimeZone: input.attendee.timeZone ?? null,
        smsOptIn: input.attendee.smsOptIn === true && input.attendee.phone !== undefined,
      })
      // The partial unique index allows one live (waiting or offered) entry per person and slot.
      .onConflictDoNothing()
      .returning({ id: waitlistEntries.id });
    if (!entry) throw new AppError("WAITLIST_ALREADY_JOINED", "You are already on the waitlist for this slot");
    return entry.id;
  });
  return readWaitlistEntry(deps.payments.db, entryId);
}
