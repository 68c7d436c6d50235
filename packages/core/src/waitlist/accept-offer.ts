import { bookings, payments, waitlistEntries } from "@bookable/db";
import type { BookingOutput } from "@bookable/validators";
import { and, eq, gt } from "drizzle-orm";
import { AppError } from "../app-error.js";
import { findBookingRecord, readBookingOutput } from "../booking-store/find-booking.js";
import { notifyBooking } from "../notifications/booking-notifications.js";
import { announceBooking } from "../webhooks/announce-booking.js";
import type { WaitlistDependencies } from "./waitlist-dependencies.js";

/**
 * Accepts a free offer: its held booking is confirmed (and the confirmation and reminders are queued) if the
 * hold has not run out. A priced offer is accepted by paying it at its checkout within the hold, as any held
 * booking; the payment confirms it and the sweep marks the entry accepted.
 */
export async function acceptOffer(
  deps: WaitlistDependencies,
  userId: string,
  entryId: string,
  now = new Date(),
): Promise<BookingOutput> {
  const { db } = deps.payments;
  const [entry] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.id, entryId));
  if (!entry || entry.userId !== userId) throw new AppError("NOT_FOUND", "No such waitlist entry");
  const bookingId = entry.bookingId;
  if (entry.status !== "offered" || !bookingId) throw offerClosed();
  await db.transaction(async (transaction) => {
    const [payment] = await transaction.select({ id: payments.id }).from(payments).where(eq(payments.bookingId, bookingId));
    if (payment) {
      throw new AppError("CONFLICT", "This offer is taken by paying for it: use the checkout link on the booking page");
    }
    // The row lock of this update and the expiry's take turns: the hold is confirmed before it ran out, or not at all.
    const [confirmed] = await transaction
      .update(bookings)
      .set({ status: "confirmed", holdExpiresAt: null })
      .where(and(eq(bookings.id, bookingId), eq(bookings.status, "held"), gt(bookings.holdExpiresAt, now)))
      .returning({ id: bookings.id });
    if (!confirmed) throw offerClosed();
    await transaction
      .update(waitlistEntries)
      .set({ status: "accepted", updatedAt: now })
      .where(and(eq(waitlistEntries.id, entryId), eq(waitlistEntries.status, "offered")));
    const record = await findBookingRecord(transaction, bookingId);
    if (record) await notifyBooking(transaction, deps.payments.outbox, record, { kind: "confirmed" }, now);
    await announceBooking(transaction, deps.payments.outbox, record, ["booking.confirmed"], now);
  });
  return readBookingOutput(db, bookingId);
}

function offerClosed(): AppError {
  return new AppError("WAITLIST_OFFER_CLOSED", "This offer is no longer open: it ran out, was declined or was taken");
}
