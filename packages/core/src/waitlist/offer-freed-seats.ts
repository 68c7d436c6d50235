import { randomUUID } from "node:crypto";
import {
  bookingSeats,
  bookings,
  type DatabaseExecutor,
  isExclusionViolation,
  type PaymentRow,
  payments,
  type ResourceRow,
  waitlistEntries,
} from "@bookable/db";
import { and, asc, eq, sql } from "drizzle-orm";
import { occupiedRange } from "../availability/compute-available-slots.js";
import type { BookingRecord } from "../booking-store/find-booking.js";
import { freeSeatNumbers, seatRowValues } from "../booking-store/seat-allocation.js";
import { notifyBooking } from "../notifications/booking-notifications.js";
import type { NotificationOutbox } from "../notifications/notification-outbox.js";
import { announceBooking } from "../webhooks/announce-booking.js";

const MINUTE = 60_000;

export interface OfferSettings {
  offerMinutes: number;
  /** How priced offers are paid; null when payments are off (priced slots then get no offers). */
  paymentMode: PaymentRow["mode"] | null;
  outbox: NotificationOutbox | null;
}

export interface WaitlistSlot {
  resourceId: string;
  start: Date;
  end: Date;
}

/**
 * Turns the free seats of one slot into offers to the people waiting for it, first in line first
 * (decision 031): each offer is a `held` booking of one seat, held until now + WAITLIST_OFFER_MINUTES, with
 * the ordinary seat rows, so nobody else can take the seat and the ordinary hold expiry releases it. Offers
 * that ended (accepted, declined, run out) are settled first. The caller must hold the slot's range locks
 * (lockSeatRange over `occupiedRange`), taken in an earlier statement of `transaction`: then no booking
 * and no other offer of an overlapping slot runs meanwhile, and freeSeatNumbers sees every seat. Returns the
 * offers made; priced ones need their checkout opened after the commit (openOfferCheckouts).
 */
export async function offerFreedSeats(
  transaction: DatabaseExecutor,
  settings: OfferSettings,
  resource: ResourceRow,
  slot: WaitlistSlot,
  now: Date,
): Promise<BookingRecord[]> {
  const occupied = occupiedRange(resource, slot.start, slot.end);
  // Expires the overdue holds of the range (an offer that ran out among them) before its offer is settled.
  let seatNumbers = await freeSeatNumbers(transaction, resource, occupied, 1, now);
  await settleEndedOffers(transaction, slot, now);
  const priced = resource.priceAmount > 0;
  if (resource.status !== "active" || slot.start <= now || (priced && !settings.paymentMode)) return [];
  const offers: BookingRecord[] = [];
  while (seatNumbers) {
    const [entry] = await transaction
      .select()
      .from(waitlistEntries)
      .where(
        and(
          eq(waitlistEntries.resourceId, slot.resourceId),
          eq(waitlistEntries.startAt, slot.start),
          eq(waitlistEntries.status, "waiting"),
        ),
      )
      .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id))
      .limit(1)
      // An entry being left at this moment is passed over rather than waited for.
      .for("update", { skipLocked: true });
    if (!entry) break;
    const holdExpiresAt = new Date(now.getTime() + settings.offerMinutes * MINUTE);
    const bookingId = randomUUID();
    let record: BookingRecord;
    try {
      // A savepoint: should the seat be taken after all (the exclusion constraint decides), the release
      // this runs in still commits, and the next sweep tries again.
      record = await transaction.transaction(async (savepoint) => {
        const seatRows = savepoint.$with("seat_rows").as(
          savepoint
            .insert(bookingSeats)
            .values(seatRowValues({ id: bookingId, resourceId: resource.id }, seatNumbers ?? [], occupied))
            .returning({ seatNumber: bookingSeats.seatNumber }),
        );
        const [booking] = await savepoint
          .with(seatRows)
          .insert(bookings)
          .values({
            id: bookingId,
            resourceId: resource.id,
            userId: entry.userId,
            status: "held",
            startAt: slot.start,
            endAt: slot.end,
            seats: 1,
            attendeeName: entry.attendeeName,
            attendeeEmail: entry.attendeeEmail,
            attendeePhone: entry.attendeePhone,
            attendeeTimeZone: entry.attendeeTimeZone,
            smsOptIn: entry.smsOptIn,
            priceAmount: resource.priceAmount,
            currency: resource.currency,
            holdExpiresAt,
          })
          .returning();
        if (!booking) throw new Error("Insert into bookings returned no row");
        let payment: PaymentRow | null = null;
        if (priced && settings.paymentMode) {
          [payment = null] = await savepoint
            .insert(payments)
            .values({
              bookingId,
              mode: settings.paymentMode,
              amount: booking.priceAmount,
              currency: booking.currency,
              checkoutExpiresAt: holdExpiresAt,
            })
            .returning();
        }
        await savepoint
          .update(waitlistEntries)
          .set({ status: "offered", bookingId, offerExpiresAt: holdExpiresAt, updatedAt: now })
          .where(eq(waitlistEntries.id, entry.id));
        const written = { booking, resource, payment };
        await notifyBooking(savepoint, settings.outbox, written, { kind: "waitlist-offer" }, now);
        // The offer is a held booking: `data` of both events is that booking (its hold is the offer's deadline).
        await announceBooking(savepoint, settings.outbox, written, ["booking.created", "waitlist.offered"], now);
        return written;
      });
    } catch (error) {
      if (isExclusionViolation(error)) break;
      throw error;
    }
    offers.push(record);
    seatNumbers = await freeSeatNumbers(transaction, resource, occupied, 1, now);
  }
  return offers;
}

/**
 * Offers of the slot whose booking is no longer a live hold end: `accepted` when it was confirmed (accepted or
 * paid), `left` when its booker cancelled it (declined), `lapsed` when the hold ran out.
 */
async function settleEndedOffers(transaction: DatabaseExecutor, slot: WaitlistSlot, now: Date): Promise<void> {
  const at = sql`${now.toISOString()}::timestamptz`;
  await transaction.execute(sql`
    update ${waitlistEntries} as entry
    set status = (case when booking.status = 'confirmed' then 'accepted' when booking.status = 'cancelled' then 'left' else 'lapsed' end)::waitlist_status,
      updated_at = ${at}
    from ${bookings} as booking
    where booking.id = entry.booking_id and entry.resource_id = ${slot.resourceId}
      and entry.start_at = ${slot.start.toISOString()}::timestamptz and entry.status = 'offered'
      and (booking.status <> 'held' or booking.hold_expires_at <= ${at})`);
}
