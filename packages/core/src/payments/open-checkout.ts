import { bookingSeats, bookings, payments } from "@bookable/db";
import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { AppError } from "../app-error.js";
import type { BookingRecord } from "../booking-store/find-booking.js";
import { notifyBooking } from "../notifications/booking-notifications.js";
import type { PaymentDependencies } from "./payment-dependencies.js";

/**
 * Opens the provider's checkout for a held booking, after the booking's commit, and stores its id and URL.
 * The request carries an idempotency key derived from the payment, so a retry returns the same checkout. If
 * the provider cannot be reached, the hold is released at once (nothing stays blocked for a booking nobody
 * can pay) and the booker is told to try again. Takes the rows the booking was just written with and answers
 * them with the payment as updated, so the booking is not read again (issue 14).
 */
export async function openCheckout(deps: PaymentDependencies, record: BookingRecord): Promise<BookingRecord> {
  const { payment, booking, resource } = record;
  const bookingId = booking.id;
  if (!payment) throw new Error(`Booking ${bookingId} has no payment to open a checkout for`);
  const gateway = deps.gateway;
  if (!gateway) throw new AppError("SERVICE_UNAVAILABLE", "Payments are not configured on this server");
  try {
    const checkout = await gateway.createCheckout({
      bookingId,
      paymentId: payment.id,
      amount: payment.amount,
      currency: payment.currency,
      description: `${resource.name}, ${DateTime.fromJSDate(booking.startAt, { zone: resource.timeZone }).toFormat("ccc d LLL yyyy HH:mm")} (${resource.timeZone})${booking.seats > 1 ? `, ${booking.seats} seats` : ""}`,
      customerEmail: booking.attendeeEmail,
      expiresAt: payment.checkoutExpiresAt,
      successUrl: `${deps.publicUrl}/bookings/${bookingId}?checkout=success`,
      cancelUrl: `${deps.publicUrl}/bookings/${bookingId}?checkout=cancelled`,
      idempotencyKey: `bookable-checkout-${payment.id}`,
    });
    return await deps.db.transaction(async (transaction) => {
      const [updated] = await transaction
        .update(payments)
        .set({ checkoutSessionId: checkout.id, checkoutUrl: checkout.url })
        .where(eq(payments.id, payment.id))
        .returning();
      const opened = { booking, resource, payment: updated ?? payment };
      if (checkout.url) await notifyBooking(transaction, deps.outbox, opened, { kind: "held", checkoutUrl: checkout.url });
      return opened;
    });
  } catch (error) {
    deps.log.error({ err: error, bookingId }, "opening the checkout failed; the hold is released");
    await releaseUnpayableHold(deps, bookingId);
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "The payment provider did not answer, so nothing was booked; try again in a moment",
    );
  }
}

async function releaseUnpayableHold(deps: PaymentDependencies, bookingId: string): Promise<void> {
  await deps.db.transaction(async (transaction) => {
    const released = await transaction
      .update(bookings)
      .set({ status: "expired" })
      .where(and(eq(bookings.id, bookingId), eq(bookings.status, "held")))
      .returning({ id: bookings.id });
    if (released.length === 0) return;
    await transaction.delete(bookingSeats).where(eq(bookingSeats.bookingId, bookingId));
    // checkout_closed_at stays null: if the provider did open a checkout after all, the payments sweep finds
    // it by the booking and expires it.
    await transaction.update(payments).set({ status: "unpaid" }).where(eq(payments.bookingId, bookingId));
  });
}
