import type { BookingOutput, PaymentOutput } from "@bookable/validators";
import { formatDateTime } from "./format-date-time.js";
import { formatPrice } from "./format-price.js";

type Refund = NonNullable<PaymentOutput["refund"]>;

/** The payment's own state, without the refund: "Paid on 12 Mar 2026, 10:00", "Awaiting payment", "Unpaid". */
export function describePaymentStatus(payment: PaymentOutput): string {
  if (payment.status === "paid") return payment.paidAt ? `Paid on ${formatDateTime(payment.paidAt, "dateTime")}` : "Paid";
  if (payment.status === "awaiting_payment") return "Awaiting payment";
  return "Unpaid";
}

const refundReasons: Record<Refund["reason"], string> = {
  cancelled_in_free_window:
    "The booking was cancelled before the free-cancellation deadline, so the payment is refunded in full.",
  cancelled_by_admin: "An administrator cancelled the booking and refunded the payment.",
  late_payment_slot_taken: "Your payment arrived after the hold expired and the slot had been taken, so it was refunded.",
  paid_after_cancellation: "Your payment arrived after the booking was cancelled, so it was refunded.",
  refunded_at_provider: "The payment was refunded directly at the payment provider.",
};

/** Where the refund stands: "Refund of €30.00 pending", "Refunded €30.00 on 12 Mar 2026, 10:00". */
export function describeRefundStatus(refund: Refund, currency: string): string {
  const amount = formatPrice({ amount: refund.amount, currency });
  if (refund.status === "pending") return `Refund of ${amount} pending`;
  if (refund.status === "succeeded") {
    return `Refunded ${amount} on ${formatDateTime(refund.completedAt ?? refund.requestedAt, "dateTime")}`;
  }
  return `The refund of ${amount} failed; we are looking into it`;
}

/** Why the money goes back, as a sentence. */
export function describeRefundReason(refund: Refund): string {
  return refundReasons[refund.reason];
}

/**
 * What cancelling now would do to the money, by the free-cancellation policy: "full" before
 * `freeCancellationUntil`, "none" after it; "unpaid" when nothing was paid (or it is already refunded).
 */
export function refundOnCancel(
  booking: Pick<BookingOutput, "payment" | "freeCancellationUntil">,
  now = Date.now(),
): "full" | "none" | "unpaid" {
  const payment = booking.payment;
  if (payment?.status !== "paid" || payment.refund) return "unpaid";
  if (booking.freeCancellationUntil && now < Date.parse(booking.freeCancellationUntil)) return "full";
  return "none";
}
