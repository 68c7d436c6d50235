import {
  bookingSeats,
  bookings,
  type DatabaseExecutor,
  isRetryableTransactionError,
  type PaymentRow,
  payments,
  resources,
} from "@bookable/db";
import type { CheckoutSnapshot } from "@bookable/integrations";
import { and, eq, isNull, or } from "drizzle-orm";
import { occupiedRange } from "../availability/compute-available-slots.js";
import { findBookingRecord } from "../booking-store/find-booking.js";
import { freeSeatNumbers, insertSeatRows, lockResourceBookings } from "../booking-store/seat-allocation.js";
import { notifyBooking } from "../notifications/booking-notifications.js";
import type { NotificationOutbox } from "../notifications/notification-outbox.js";
import { announceBooking } from "../webhooks/announce-booking.js";
import { findCheckoutMismatch } from "./checkout-mismatch.js";
import type { PaymentDependencies } from "./payment-dependencies.js";
import { type PaymentEventRecord, recordPaymentEvent } from "./record-payment-event.js";
import { sendPendingRefunds } from "./send-pending-refunds.js";

export type CheckoutOutcome =
  /** Paid while the hold stood: the booking is confirmed. */
  | "confirmed"
  /** Paid after the hold was released, and the slot was still free: confirmed again. */
  | "confirmed_late"
  /** Paid after the hold was released, and the slot was taken meanwhile: refunded in full. */
  | "refunded_slot_taken"
  /** Paid after the booking was cancelled: refunded in full. */
  | "refunded_after_cancellation"
  /** The checkout expired unpaid: the hold is released (if it still stood). */
  | "released"
  /** Nothing to change: the payment already reflects this state of the checkout. */
  | "unchanged"
  /** The checkout is still open (an event that claims otherwise is not believed). */
  | "still_open"
  /** No payment of ours has this checkout. */
  | "unknown_checkout"
  /** The event was processed before. */
  | "duplicate_event"
  /**
   * The checkout names our booking but is not its own, or charges another amount or currency: the booking is
   * left alone, and money taken by it is refunded.
   */
  | "rejected_mismatch";

export interface CheckoutReconciliation {
  outcome: CheckoutOutcome;
  bookingId: string | null;
}

const MAX_ATTEMPTS = 5;

/**
 * Brings a booking in line with its checkout as the provider reports it now. Every path that learns about a
 * checkout ends here: Stripe's webhooks, the local checkout page, and the sweep that expires abandoned
 * checkouts. Because it reads the checkout's real state rather than an event's claim, the order and the
 * repetition of events do not matter: a payment confirms the booking once, an expiry releases the hold only
 * if nothing was paid, and money taken for a slot the booker can no longer have is refunded.
 *
 * Runs in one transaction with the resource's bookings locked (as booking creation does), so a payment and a
 * hold expiry at the same moment are applied one after the other, never interleaved.
 *
 * A checkout that is not the booking's own, or whose total or currency differ from the booking's payment, never
 * confirms (or releases) it: see rejectMismatchedCheckout.
 */
export async function reconcileCheckout(
  deps: PaymentDependencies,
  checkout: CheckoutSnapshot,
  options: { event?: PaymentEventRecord; now?: Date } = {},
): Promise<CheckoutReconciliation> {
  const now = options.now ?? new Date();
  const rejected = await rejectMismatchedCheckout(deps, checkout, options.event);
  if (rejected) return rejected;
  let result: { outcome: CheckoutOutcome; bookingId: string | null; paymentId: string | null } | undefined;
  for (let attempt = 1; !result; attempt++) {
    try {
      result = await deps.db.transaction((transaction) => applyCheckout(transaction, deps.outbox, checkout, options.event, now));
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
    }
  }
  if (result.paymentId && (result.outcome === "refunded_slot_taken" || result.outcome === "refunded_after_cancellation")) {
    deps.log.warn(
      { bookingId: result.bookingId, outcome: result.outcome },
      "a payment arrived for a booking it cannot confirm; refunding it",
    );
    await sendPendingRefunds(deps, { paymentId: result.paymentId });
  } else if (result.outcome === "confirmed_late") {
    deps.log.info(
      { bookingId: result.bookingId },
      "a payment arrived after its hold expired; the slot was free, so it is confirmed",
    );
  }
  return { outcome: result.outcome, bookingId: result.bookingId };
}

/**
 * Refuses a checkout that names one of our bookings but must not settle it (findCheckoutMismatch): the booking
 * is not touched, money the checkout took is refunded in full to whoever paid (an idempotency key per checkout,
 * so a retry never refunds twice), and an error is logged with the ids for an admin. The event is recorded only
 * after the refund, so a failed refund makes the webhook fail and the provider send it again.
 */
async function rejectMismatchedCheckout(
  deps: PaymentDependencies,
  checkout: CheckoutSnapshot,
  event: PaymentEventRecord | undefined,
): Promise<CheckoutReconciliation | null> {
  const mismatch = await findCheckoutMismatch(deps.db, checkout);
  if (!mismatch) return null;
  deps.log.error(
    {
      bookingId: mismatch.bookingId,
      paymentId: mismatch.paymentId,
      checkoutSessionId: checkout.id,
      recordedCheckoutSessionId: mismatch.recordedCheckoutId,
      expected: mismatch.expected,
      received: { amount: checkout.amount, currency: checkout.currency },
      reason: mismatch.reason,
    },
    "a checkout names a booking but does not match its payment; the booking is not confirmed",
  );
  if (checkout.paid && checkout.paymentId && checkout.amount && deps.gateway) {
    await deps.gateway.refund({
      paymentId: checkout.paymentId,
      amount: checkout.amount,
      bookingId: mismatch.bookingId,
      idempotencyKey: `bookable-refund-mismatch-${checkout.id}`,
    });
  }
  const fresh = await deps.db.transaction((transaction) => recordPaymentEvent(transaction, event, checkout.id));
  return { outcome: fresh ? "rejected_mismatch" : "duplicate_event", bookingId: mismatch.bookingId };
}

async function applyCheckout(
  transaction: DatabaseExecutor,
  outbox: NotificationOutbox | null,
  checkout: CheckoutSnapshot,
  event: PaymentEventRecord | undefined,
  now: Date,
): Promise<{ outcome: CheckoutOutcome; bookingId: string | null; paymentId: string | null }> {
  if (!(await recordPaymentEvent(transaction, event, checkout.id)))
    return { outcome: "duplicate_event", bookingId: null, paymentId: null };
  // A checkout opened just before a crash may not have its id stored yet; its metadata names the booking.
  const [located] = await transaction
    .select({ paymentId: payments.id, bookingId: bookings.id, resourceId: bookings.resourceId })
    .from(payments)
    .innerJoin(bookings, eq(bookings.id, payments.bookingId))
    .where(
      or(
        eq(payments.checkoutSessionId, checkout.id),
        checkout.bookingId ? and(eq(payments.bookingId, checkout.bookingId), isNull(payments.checkoutSessionId)) : undefined,
      ),
    );
  if (!located) return { outcome: "unknown_checkout", bookingId: null, paymentId: null };
  const done = (outcome: CheckoutOutcome) => ({ outcome, bookingId: located.bookingId, paymentId: located.paymentId });
  if (checkout.status === "open" || (checkout.status === "complete" && !checkout.paid)) return done("still_open");

  await lockResourceBookings(transaction, located.resourceId);
  const [row] = await transaction
    .select({ booking: bookings, payment: payments, resource: resources })
    .from(bookings)
    .innerJoin(payments, eq(payments.bookingId, bookings.id))
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(eq(bookings.id, located.bookingId))
    .for("update", { of: [bookings, payments] });
  if (!row) return done("unknown_checkout");
  const { booking, payment, resource } = row;

  if (checkout.status === "expired") {
    if (payment.status === "awaiting_payment" || payment.checkoutClosedAt === null) {
      await transaction
        .update(payments)
        .set({
          status: payment.status === "awaiting_payment" ? "unpaid" : payment.status,
          checkoutClosedAt: payment.checkoutClosedAt ?? now,
          checkoutSessionId: checkout.id,
        })
        .where(eq(payments.id, payment.id));
    }
    if (booking.status !== "held") return done(payment.status === "awaiting_payment" ? "released" : "unchanged");
    await transaction.update(bookings).set({ status: "expired" }).where(eq(bookings.id, booking.id));
    await transaction.delete(bookingSeats).where(eq(bookingSeats.bookingId, booking.id));
    // A checkout running out is rare next to bookings: reading the booking back costs nothing that matters.
    await announceBooking(transaction, outbox, await findBookingRecord(transaction, booking.id), ["booking.expired"], now);
    return done("released");
  }

  // The checkout is complete and paid.
  if (payment.status === "paid") return done("unchanged");
  await transaction
    .update(payments)
    .set({
      status: "paid",
      paidAt: now,
      providerPaymentId: checkout.paymentId,
      checkoutClosedAt: payment.checkoutClosedAt ?? now,
      checkoutSessionId: checkout.id,
    })
    .where(eq(payments.id, payment.id));

  if (booking.status === "held" || booking.status === "confirmed") {
    // A held booking still owns its seat rows, even past its expiry time: the sweep or a new booking of the
    // resource would have marked it expired before taking them. So the payment confirms it.
    if (booking.status === "held") {
      await transaction.update(bookings).set({ status: "confirmed" }).where(eq(bookings.id, booking.id));
      const confirmed = await notifyBooking(transaction, outbox, booking.id, { kind: "confirmed" }, now);
      await announceBooking(transaction, outbox, confirmed, ["payment.succeeded", "booking.confirmed"], now);
    } else {
      await announceBooking(transaction, outbox, await findBookingRecord(transaction, booking.id), ["payment.succeeded"], now);
    }
    return done("confirmed");
  }
  if (booking.status === "cancelled") {
    await requestFullRefund(transaction, payment, "paid_after_cancellation", now);
    // The booker is told why money they paid goes back (in the same transaction, so it is never lost).
    const refunding = await notifyBooking(transaction, outbox, booking.id, { kind: "refunded" }, now);
    await announceBooking(transaction, outbox, refunding, ["payment.succeeded"], now);
    return done("refunded_after_cancellation");
  }
  // Expired: the hold was released before the money arrived. Confirm only if the slot is still free.
  const occupied = occupiedRange(resource, booking.startAt, booking.endAt);
  const seatNumbers = booking.startAt > now ? await freeSeatNumbers(transaction, resource, occupied, booking.seats, now) : null;
  if (!seatNumbers || resource.status !== "active") {
    await requestFullRefund(transaction, payment, "late_payment_slot_taken", now);
    const refunding = await notifyBooking(transaction, outbox, booking.id, { kind: "refunded" }, now);
    await announceBooking(transaction, outbox, refunding, ["payment.succeeded"], now);
    return done("refunded_slot_taken");
  }
  await insertSeatRows(transaction, booking, seatNumbers, occupied);
  await transaction.update(bookings).set({ status: "confirmed" }).where(eq(bookings.id, booking.id));
  const confirmed = await notifyBooking(transaction, outbox, booking.id, { kind: "confirmed" }, now);
  await announceBooking(transaction, outbox, confirmed, ["payment.succeeded", "booking.confirmed"], now);
  return done("confirmed_late");
}

/** Marks a full refund as decided; sendPendingRefunds carries it out after the commit (and the sweep retries it). */
export async function requestFullRefund(
  transaction: DatabaseExecutor,
  payment: PaymentRow,
  reason: NonNullable<PaymentRow["refundReason"]>,
  now: Date,
): Promise<void> {
  await transaction
    .update(payments)
    .set({ refundStatus: "pending", refundAmount: payment.amount, refundReason: reason, refundRequestedAt: now })
    .where(and(eq(payments.id, payment.id), isNull(payments.refundStatus)));
}
