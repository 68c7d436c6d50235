import { paymentEvents } from "@bookable/db";
import type { PaymentEventNotice } from "@bookable/integrations";
import { eq } from "drizzle-orm";
import type { PaymentDependencies } from "./payment-dependencies.js";
import { type CheckoutOutcome, reconcileCheckout } from "./reconcile-checkout.js";
import { type RefundOutcome, reconcileChargeRefund, reconcileRefund } from "./reconcile-refund.js";

const CHECKOUT_EVENTS = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
]);
const REFUND_EVENTS = new Set(["refund.created", "refund.updated", "refund.failed", "charge.refund.updated"]);

export type PaymentEventOutcome = CheckoutOutcome | RefundOutcome | "ignored" | "unknown_object";

/**
 * Processes one verified provider event (a Stripe webhook, or the local checkout page's action). The payload
 * is trusted for ids only: the checkout, refund or charge is read again from the provider, and the booking
 * brought in line with what it says. Each event id is processed once; a replay returns `duplicate_event` and
 * changes nothing. Unknown event types are ignored.
 */
export async function processPaymentEvent(deps: PaymentDependencies, notice: PaymentEventNotice): Promise<PaymentEventOutcome> {
  const gateway = deps.gateway;
  const handled = CHECKOUT_EVENTS.has(notice.type) || REFUND_EVENTS.has(notice.type) || notice.type === "charge.refunded";
  if (!gateway || !handled || !notice.objectId) return "ignored";
  // A replay is answered without asking the provider again.
  const [seen] = await deps.db.select({ id: paymentEvents.id }).from(paymentEvents).where(eq(paymentEvents.id, notice.id));
  if (seen) return "duplicate_event";
  const event = { id: notice.id, type: notice.type };

  if (CHECKOUT_EVENTS.has(notice.type)) {
    const checkout = await gateway.retrieveCheckout(notice.objectId);
    if (!checkout) return "unknown_object";
    return (await reconcileCheckout(deps, checkout, { event })).outcome;
  }
  if (REFUND_EVENTS.has(notice.type)) {
    const refund = await gateway.retrieveRefund(notice.objectId);
    return refund ? reconcileRefund(deps, refund, event) : "unknown_object";
  }
  const charge = await gateway.retrieveCharge(notice.objectId);
  return charge ? reconcileChargeRefund(deps, charge, event) : "unknown_object";
}
