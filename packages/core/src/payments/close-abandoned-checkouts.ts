import { bookings, payments } from "@bookable/db";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { PaymentDependencies } from "./payment-dependencies.js";
import { reconcileCheckout } from "./reconcile-checkout.js";

const BATCH = 100;

/**
 * Closes, at the provider, the checkouts of bookings that can no longer be paid for (their hold expired or
 * they were cancelled), so the booker cannot pay for a slot that was released. A checkout that turns out to
 * have been paid meanwhile goes through reconcileCheckout like a webhook would: confirmed if the slot is still
 * free, refunded otherwise. A failure is logged and retried at the next sweep. Returns how many were closed.
 */
export async function closeAbandonedCheckouts(deps: PaymentDependencies, now = new Date()): Promise<number> {
  const gateway = deps.gateway;
  if (!gateway) return 0;
  const open = await deps.db
    .select({ paymentId: payments.id, sessionId: payments.checkoutSessionId, bookingId: payments.bookingId })
    .from(payments)
    .innerJoin(bookings, eq(bookings.id, payments.bookingId))
    .where(and(isNull(payments.checkoutClosedAt), inArray(bookings.status, ["expired", "cancelled"])))
    .limit(BATCH);
  let closed = 0;
  for (const candidate of open) {
    try {
      if (!candidate.sessionId) {
        // The checkout was never opened (the provider failed, or the process stopped first): nobody got a link.
        await deps.db
          .update(payments)
          .set({ checkoutClosedAt: now })
          .where(and(eq(payments.id, candidate.paymentId), isNull(payments.checkoutClosedAt)));
      } else {
        const checkout = await gateway.expireCheckout(candidate.sessionId);
        await reconcileCheckout(deps, checkout, { now });
      }
      closed++;
    } catch (error) {
      deps.log.warn(
        { err: error, bookingId: candidate.bookingId },
        "closing an abandoned checkout failed; the next sweep retries it",
      );
    }
  }
  return closed;
}
