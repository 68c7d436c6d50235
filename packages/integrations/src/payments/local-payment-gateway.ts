import { randomBytes } from "node:crypto";
import type { CheckoutRequest, CheckoutSnapshot, LocalGateway, RefundSnapshot } from "./payment-gateway.js";

interface LocalCheckout extends CheckoutSnapshot {
  idempotencyKey: string;
}

/**
 * Local payment mode: with no Stripe keys, checkouts live in this process and are paid or abandoned on the
 * clearly labelled local checkout page. No money moves. The page's actions go through the same event
 * processing as Stripe's webhooks. Checkouts are kept in memory: after a restart an open local checkout is
 * gone, and its hold simply expires.
 */
export function createLocalPaymentGateway(options: {
  checkoutPageUrl: (sessionId: string, request: CheckoutRequest) => string;
}): LocalGateway {
  const checkouts = new Map<string, LocalCheckout>();
  const byIdempotencyKey = new Map<string, string>();
  const refunds = new Map<string, RefundSnapshot>();
  const refundsByKey = new Map<string, string>();

  const snapshot = (checkout: LocalCheckout): CheckoutSnapshot => {
    const { idempotencyKey: _key, ...rest } = checkout;
    return { ...rest };
  };
  const close = (checkout: LocalCheckout, now = new Date()) => {
    if (checkout.status === "open" && checkout.expiresAt <= now) checkout.status = "expired";
    return checkout;
  };

  return {
    mode: "local",

    async createCheckout(request) {
      const existing = byIdempotencyKey.get(request.idempotencyKey);
      const known = existing ? checkouts.get(existing) : undefined;
      if (known) return snapshot(known);
      const id = `cs_local_${randomBytes(12).toString("hex")}`;
      const checkout: LocalCheckout = {
        id,
        status: "open",
        paid: false,
        url: options.checkoutPageUrl(id, request),
        bookingId: request.bookingId,
        paymentId: null,
        amount: request.amount,
        currency: request.currency.toLowerCase(),
        expiresAt: request.expiresAt,
        idempotencyKey: request.idempotencyKey,
      };
      checkouts.set(id, checkout);
      byIdempotencyKey.set(request.idempotencyKey, id);
      return snapshot(checkout);
    },

    async retrieveCheckout(id) {
      const checkout = checkouts.get(id);
      return checkout ? snapshot(close(checkout)) : null;
    },

    async expireCheckout(id) {
      const checkout = checkouts.get(id);
      if (!checkout) {
        // Forgotten by a restart: it can no longer be paid, which is what expiring means.
        return {
          id,
          status: "expired",
          paid: false,
          url: null,
          bookingId: null,
          paymentId: null,
          amount: null,
          currency: null,
          expiresAt: new Date(),
        };
      }
      if (checkout.status === "open") checkout.status = "expired";
      return snapshot(checkout);
    },

    completeCheckout(id) {
      const checkout = checkouts.get(id);
      if (!checkout) throw new Error(`No local checkout ${id}`);
      close(checkout);
      if (checkout.status === "open") {
        checkout.status = "complete";
        checkout.paid = true;
        checkout.paymentId = `pi_local_${randomBytes(12).toString("hex")}`;
      }
      return snapshot(checkout);
    },

    async refund(request) {
      const existing = refundsByKey.get(request.idempotencyKey);
      const known = existing ? refunds.get(existing) : undefined;
      if (known) return { ...known };
      const refund: RefundSnapshot = {
        id: `re_local_${randomBytes(12).toString("hex")}`,
        status: "succeeded",
        amount: request.amount,
        paymentId: request.paymentId,
      };
      refunds.set(refund.id, refund);
      refundsByKey.set(request.idempotencyKey, refund.id);
      return { ...refund };
    },

    async retrieveRefund(id) {
      const refund = refunds.get(id);
      return refund ? { ...refund } : null;
    },

    async retrieveCharge() {
      return null;
    },
  };
}
