import { type DatabaseExecutor, payments } from "@bookable/db";
import type { ChargeSnapshot, RefundSnapshot } from "@bookable/integrations";
import { eq } from "drizzle-orm";
import type { PaymentDependencies } from "./payment-dependencies.js";
import { type PaymentEventRecord, recordPaymentEvent } from "./record-payment-event.js";

export type RefundOutcome = "updated" | "recorded_provider_refund" | "unchanged" | "unknown_payment" | "duplicate_event";

/**
 * Applies a refund as the provider reports it now: the state of a refund Bookable asked for, or a refund made
 * at the provider directly (e.g. in the Stripe dashboard), which is recorded so the booking shows it.
 */
export function reconcileRefund(
  deps: PaymentDependencies,
  refund: RefundSnapshot,
  event?: PaymentEventRecord,
  now = new Date(),
): Promise<RefundOutcome> {
  return deps.db.transaction(async (transaction) => {
    if (!(await recordPaymentEvent(transaction, event, refund.id))) return "duplicate_event";
    const payment = await paymentOf(transaction, refund.paymentId);
    if (!payment) return "unknown_payment";
    if (payment.refundStatus === null) {
      await transaction
        .update(payments)
        .set({
          refundStatus: refund.status,
          refundAmount: refund.amount,
          refundReason: "refunded_at_provider",
          refundRequestedAt: now,
          refundCompletedAt: refund.status === "pending" ? null : now,
          providerRefundId: refund.id,
        })
        .where(eq(payments.id, payment.id));
      return "recorded_provider_refund";
    }
    const ours = payment.providerRefundId === null || payment.providerRefundId === refund.id;
    if (!ours || payment.refundStatus === refund.status) return "unchanged";
    await transaction
      .update(payments)
      .set({
        providerRefundId: refund.id,
        refundStatus: refund.status,
        refundCompletedAt: refund.status === "pending" ? null : now,
      })
      .where(eq(payments.id, payment.id));
    return "updated";
  });
}

/** A charge's `amount_refunded`, for refunds announced only as `charge.refunded`. */
export function reconcileChargeRefund(
  deps: PaymentDependencies,
  charge: ChargeSnapshot,
  event?: PaymentEventRecord,
  now = new Date(),
): Promise<RefundOutcome> {
  return deps.db.transaction(async (transaction) => {
    if (!(await recordPaymentEvent(transaction, event, charge.id))) return "duplicate_event";
    const payment = await paymentOf(transaction, charge.paymentId);
    if (!payment) return "unknown_payment";
    if (payment.refundStatus !== null || charge.amountRefunded <= 0) return "unchanged";
    await transaction
      .update(payments)
      .set({
        refundStatus: "succeeded",
        refundAmount: charge.amountRefunded,
        refundReason: "refunded_at_provider",
        refundRequestedAt: now,
        refundCompletedAt: now,
      })
      .where(eq(payments.id, payment.id));
    return "recorded_provider_refund";
  });
}

async function paymentOf(transaction: DatabaseExecutor, providerPaymentId: string | null) {
  if (!providerPaymentId) return undefined;
  const [payment] = await transaction
    .select()
    .from(payments)
    .where(eq(payments.providerPaymentId, providerPaymentId))
    .for("update");
  return payment;
}
