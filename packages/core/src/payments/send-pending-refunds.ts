import { payments } from "@bookable/db";
import type { RefundSnapshot } from "@bookable/integrations";
import { and, asc, eq, sql } from "drizzle-orm";
import { findBookingRecord } from "../booking-store/find-booking.js";
import { announceBooking } from "../webhooks/announce-booking.js";
import type { PaymentDependencies } from "./payment-dependencies.js";

const BATCH = 50;

/**
 * Carries out refunds that were decided (refund_status `pending`): asks the provider for those not yet sent,
 * with an idempotency key derived from the payment so a repeat can never refund twice, and reads again those
 * the provider is still processing. Called right after the decision and by the payments sweep, which retries
 * whatever failed. Returns how many refunds reached a final state.
 */
export async function sendPendingRefunds(deps: PaymentDependencies, options: { paymentId?: string } = {}): Promise<number> {
  const gateway = deps.gateway;
  if (!gateway) return 0;
  const pending = await deps.db
    .select()
    .from(payments)
    .where(and(eq(payments.refundStatus, "pending"), options.paymentId ? eq(payments.id, options.paymentId) : undefined))
    .orderBy(asc(payments.refundRequestedAt))
    .limit(BATCH);
  let settled = 0;
  for (const payment of pending) {
    try {
      let refund: RefundSnapshot | null;
      if (payment.providerRefundId) {
        refund = await gateway.retrieveRefund(payment.providerRefundId);
      } else {
        if (!payment.providerPaymentId) throw new Error("The payment has no provider payment id to refund");
        await deps.db
          .update(payments)
          .set({ refundAttempts: sql`${payments.refundAttempts} + 1` })
          .where(eq(payments.id, payment.id));
        refund = await gateway.refund({
          paymentId: payment.providerPaymentId,
          amount: payment.refundAmount ?? payment.amount,
          bookingId: payment.bookingId,
          idempotencyKey: `bookable-refund-${payment.id}`,
        });
      }
      if (!refund) throw new Error(`The provider does not know refund ${payment.providerRefundId}`);
      const settledRefund = refund;
      await deps.db.transaction(async (transaction) => {
        const [updated] = await transaction
          .update(payments)
          .set({
            providerRefundId: settledRefund.id,
            refundStatus: settledRefund.status,
            refundCompletedAt: settledRefund.status === "pending" ? null : new Date(),
            refundLastError: null,
          })
          .where(and(eq(payments.id, payment.id), eq(payments.refundStatus, "pending")))
          .returning({ id: payments.id });
        // Announced once, by whichever run moved the refund out of `pending` to `succeeded`.
        if (updated && settledRefund.status === "succeeded") {
          await announceBooking(transaction, deps.outbox, await findBookingRecord(transaction, payment.bookingId), [
            "payment.refunded",
          ]);
        }
      });
      if (refund.status === "failed") {
        deps.log.error(
          { bookingId: payment.bookingId, refundId: refund.id },
          "the provider refused a refund; an admin must settle it",
        );
      }
      if (refund.status !== "pending") settled++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await deps.db
        .update(payments)
        .set({ refundLastError: message.slice(0, 500) })
        .where(eq(payments.id, payment.id));
      deps.log.warn(
        { err: error, bookingId: payment.bookingId },
        "a refund could not be sent yet; the payments sweep retries it",
      );
    }
  }
  return settled;
}
