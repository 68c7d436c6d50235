import { bookingSeats, bookings, type DatabaseExecutor, type PaymentRow, payments } from "@bookable/db";
import type { BookingOutput } from "@bookable/validators";
import { eq, sql } from "drizzle-orm";
import { AppError } from "../app-error.js";
import { occupiedRange } from "../availability/compute-available-slots.js";
import { type BookingViewer, findVisibleBooking, readBookingOutput } from "../booking-store/find-booking.js";
import { lockSeatRange } from "../booking-store/seat-allocation.js";
import { freeCancellationUntil } from "../booking-store/to-booking-output.js";
import { notifyBooking } from "../notifications/booking-notifications.js";
import type { PaymentDependencies } from "../payments/payment-dependencies.js";
import { reconcileCheckout, requestFullRefund } from "../payments/reconcile-checkout.js";
import { sendPendingRefunds } from "../payments/send-pending-refunds.js";
import { announceBooking } from "../webhooks/announce-booking.js";

export interface CancelBookingRequest {
  id: string;
  /** Admins only: true refunds in full whatever the policy, false refunds nothing; omitted, the policy decides. */
  refund?: boolean | undefined;
  /** Why, in the canceller's words (trimmed by the contract); blank is kept as none. */
  reason?: string | undefined;
}

/**
 * Offers seats a release freed to the slot's waitlist, in the releasing transaction with the slot's range
 * locked (issue 15); answers what must run after the commit (opening priced offers' checkouts).
 */
export type OfferFreedSeats = (
  transaction: DatabaseExecutor,
  slot: { resourceId: string; start: Date; end: Date },
  now: Date,
) => Promise<{ afterCommit(): Promise<void> }>;

/**
 * Cancels a held or confirmed booking that has not started, by its booker or an admin, and frees its seats.
 * A paid booking is refunded in full inside its free-cancellation window and not at all after it; an admin
 * may refund regardless. An unpaid hold's checkout is closed at the provider so it can no longer be paid.
 */
export async function cancelBooking(
  deps: PaymentDependencies & { offerFreedSeats?: OfferFreedSeats | undefined },
  viewer: BookingViewer,
  request: CancelBookingRequest,
  now = new Date(),
): Promise<BookingOutput> {
  if (request.refund !== undefined && viewer.role !== "admin") {
    throw new AppError("FORBIDDEN", "Only admins decide about refunds; without `refund`, the free-cancellation policy applies", {
      issues: [{ path: "refund", message: "Only admins may set this" }],
    });
  }
  const { booking, resource } = await findVisibleBooking(deps.db, viewer, request.id);
  if (booking.status === "cancelled" || booking.status === "expired") {
    throw new AppError("CONFLICT", `This booking is already ${booking.status}`);
  }
  if (booking.startAt <= now) throw new AppError("CONFLICT", "This booking has already started");

  const { payment, offers } = await deps.db.transaction(async (transaction) => {
    // The slot's range locks first, as bookings take them: the seats freed here go to the waitlist before
    // any booking of the slot can see them free.
    await lockSeatRange(transaction, resource.id, occupiedRange(resource, booking.startAt, booking.endAt));
    // The booking and its payment are locked, so a payment completing at this moment is seen (and refunded
    // by the policy) or waits and then finds the booking cancelled (and is refunded as paid after cancellation).
    const [row] = await transaction
      .select({ booking: bookings, payment: payments })
      .from(bookings)
      .leftJoin(payments, eq(payments.bookingId, bookings.id))
      .where(eq(bookings.id, booking.id))
      .for("update", { of: bookings });
    if (!row || (row.booking.status !== "held" && row.booking.status !== "confirmed")) {
      throw new AppError("CONFLICT", "This booking was changed meanwhile; reload it");
    }
    const lockedPayment = row.payment
      ? ((await transaction.select().from(payments).where(eq(payments.id, row.payment.id)).for("update"))[0] ?? null)
      : null;
    const cancellationReason = request.reason?.trim() || null;
    // The calendar event's SEQUENCE grows, so calendar apps mark the event they have as cancelled.
    await transaction
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: now, cancellationReason, sequence: sql`${bookings.sequence} + 1` })
      .where(eq(bookings.id, booking.id));
    await transaction.delete(bookingSeats).where(eq(bookingSeats.bookingId, booking.id));
    const reason = lockedPayment
      ? refundReason(viewer, request, lockedPayment, freeCancellationUntil(booking, resource), now)
      : null;
    if (lockedPayment && reason) await requestFullRefund(transaction, lockedPayment, reason, now);
    const cancelled = await notifyBooking(transaction, deps.outbox, booking.id, {
      kind: "cancelled",
      cancelledBy: viewer.id === booking.userId ? "booker" : "admin",
      reason: cancellationReason,
    });
    await announceBooking(transaction, deps.outbox, cancelled, ["booking.cancelled"], now);
    const offers = deps.offerFreedSeats
      ? await deps.offerFreedSeats(transaction, { resourceId: resource.id, start: booking.startAt, end: booking.endAt }, now)
      : null;
    return { payment: lockedPayment ? { row: lockedPayment, refunding: reason !== null } : null, offers };
  });
  await offers?.afterCommit();

  if (payment?.refunding) await sendPendingRefunds(deps, { paymentId: payment.row.id });
  if (payment && payment.row.checkoutClosedAt === null && payment.row.checkoutSessionId && deps.gateway) {
    try {
      await reconcileCheckout(deps, await deps.gateway.expireCheckout(payment.row.checkoutSessionId), { now });
    } catch (error) {
      deps.log.warn(
        { err: error, bookingId: booking.id },
        "closing the checkout of a cancelled booking failed; the payments sweep retries it",
      );
    }
  }
  return readBookingOutput(deps.db, booking.id);
}

function refundReason(
  viewer: BookingViewer,
  request: CancelBookingRequest,
  payment: PaymentRow,
  freeUntil: Date,
  now: Date,
): PaymentRow["refundReason"] {
  if (payment.status !== "paid" || payment.refundStatus !== null) return null;
  if (request.refund === false) return null;
  if (request.refund === true && viewer.role === "admin") return "cancelled_by_admin";
  return now < freeUntil ? "cancelled_in_free_window" : null;
}
