import { type DatabaseExecutor, payments } from "@bookable/db";
import type { CheckoutSnapshot } from "@bookable/integrations";
import { eq, or } from "drizzle-orm";

export interface CheckoutMismatch {
  bookingId: string;
  paymentId: string;
  /** The checkout the payment row records, if any. */
  recordedCheckoutId: string | null;
  expected: { amount: number; currency: string };
  reason: "foreign_checkout" | "amount_or_currency";
}

/**
 * Whether a checkout that names one of our bookings must not settle it: a checkout other than the one the
 * booking's payment records (anyone with the API key, or a leaked key, can open a session whose metadata
 * names any booking), or one whose total or currency differ from what the booking costs. Null when the
 * checkout is the booking's own and charges its price, or names no booking of ours.
 */
export async function findCheckoutMismatch(db: DatabaseExecutor, checkout: CheckoutSnapshot): Promise<CheckoutMismatch | null> {
  const rows = await db
    .select()
    .from(payments)
    .where(
      checkout.bookingId
        ? or(eq(payments.checkoutSessionId, checkout.id), eq(payments.bookingId, checkout.bookingId))
        : eq(payments.checkoutSessionId, checkout.id),
    );
  // The payment that records this checkout decides; else the one its metadata names.
  const payment = rows.find((row) => row.checkoutSessionId === checkout.id) ?? rows[0];
  if (!payment) return null;
  const mismatch = (reason: CheckoutMismatch["reason"]): CheckoutMismatch => ({
    bookingId: payment.bookingId,
    paymentId: payment.id,
    recordedCheckoutId: payment.checkoutSessionId,
    expected: { amount: payment.amount, currency: payment.currency },
    reason,
  });
  if (payment.checkoutSessionId !== null && payment.checkoutSessionId !== checkout.id) return mismatch("foreign_checkout");
  // Stripe reports currencies in lower case, we store ISO 4217 upper case.
  const sameCurrency = checkout.currency?.toUpperCase() === payment.currency.toUpperCase();
  if (checkout.amount !== payment.amount || !sameCurrency) return mismatch("amount_or_currency");
  return null;
}
