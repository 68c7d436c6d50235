// The Stripe objects the fake keeps state for: Stripe's fixture of the resource with the managed fields laid
// over it. The index signature keeps the fixture's other fields reachable without claiming to know their types.
import { randomBytes } from "node:crypto";
import { requiredStripeFixture } from "./stripe-fixtures.js";

export type CheckoutSessionStatus = "open" | "complete" | "expired";

/** What creating a session sets; the rest starts out the same for every session. */
export interface CheckoutSessionFields {
  id: string;
  amount_subtotal: number;
  amount_total: number;
  currency: string | null;
  metadata: Record<string, string>;
  client_reference_id: string | null;
  customer_email: string | null;
  expires_at: number;
  success_url: string | null;
  cancel_url: string | null;
  /** Only set while the session is open, like Stripe. */
  url: string | null;
  mode: string;
  locale: string | null;
  created: number;
}

export interface FakeCheckoutSession extends CheckoutSessionFields {
  [field: string]: unknown;
  object: "checkout.session";
  status: CheckoutSessionStatus;
  payment_status: "paid" | "unpaid" | "no_payment_required";
  payment_intent: string | null;
}

export interface FakePaymentIntent {
  [field: string]: unknown;
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  currency: string;
  status: "succeeded";
  latest_charge: string;
  metadata: Record<string, string>;
  created: number;
}

export interface FakeCharge {
  [field: string]: unknown;
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  refunded: boolean;
  currency: string;
  payment_intent: string;
  status: "succeeded";
  created: number;
}

export interface FakeRefund {
  [field: string]: unknown;
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  payment_intent: string;
  currency: string;
  status: "succeeded";
  reason: string | null;
  metadata: Record<string, string>;
  created: number;
}

const ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** An id in Stripe's style, e.g. `cs_test_a1B2...` or `pi_3Nx...`. */
export function stripeId(prefix: string, length = 24): string {
  let id = "";
  for (const byte of randomBytes(length)) id += ID_ALPHABET.charAt(byte % ID_ALPHABET.length);
  return `${prefix}_${id}`;
}

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function newCheckoutSession(fields: CheckoutSessionFields): FakeCheckoutSession {
  return {
    ...requiredStripeFixture("checkout.session"),
    // Stripe fills in the customer's details only once they have paid.
    customer_details: null,
    ...fields,
    object: "checkout.session",
    status: "open",
    payment_status: "unpaid",
    payment_intent: null,
  };
}

/** The customer details Stripe records on a completed session. */
export function completedCustomerDetails(email: string): Record<string, unknown> {
  const fixture = requiredStripeFixture("checkout.session").customer_details;
  return { ...(typeof fixture === "object" && fixture !== null ? fixture : {}), email };
}

export interface PaymentFields {
  amount: number;
  currency: string;
  metadata: Record<string, string>;
  email: string;
}

/** The succeeded payment intent and its charge that paying a Checkout Session leaves behind. */
export function newSucceededPayment(fields: PaymentFields): { paymentIntent: FakePaymentIntent; charge: FakeCharge } {
  const created = nowInSeconds();
  const paymentIntentId = stripeId("pi");
  const chargeId = stripeId("ch");
  const paymentMethod = stripeId("pm");
  const paymentIntent: FakePaymentIntent = {
    ...requiredStripeFixture("payment_intent"),
    id: paymentIntentId,
    object: "payment_intent",
    amount: fields.amount,
    amount_received: fields.amount,
    canceled_at: null,
    client_secret: `${paymentIntentId}_secret_${stripeId("s").slice(2)}`,
    currency: fields.currency,
    latest_charge: chargeId,
    metadata: fields.metadata,
    payment_method: paymentMethod,
    status: "succeeded",
    created,
  };
  const chargeFixture = requiredStripeFixture("charge");
  const billingDetails = chargeFixture.billing_details;
  const charge: FakeCharge = {
    ...chargeFixture,
    id: chargeId,
    object: "charge",
    amount: fields.amount,
    amount_captured: fields.amount,
    amount_refunded: 0,
    balance_transaction: stripeId("txn"),
    billing_details: {
      ...(typeof billingDetails === "object" && billingDetails !== null ? billingDetails : {}),
      email: fields.email,
    },
    captured: true,
    currency: fields.currency,
    metadata: fields.metadata,
    paid: true,
    payment_intent: paymentIntentId,
    payment_method: paymentMethod,
    receipt_url: null,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${chargeId}/refunds` },
    status: "succeeded",
    created,
  };
  return { paymentIntent, charge };
}

export type RefundFields = Pick<FakeRefund, "amount" | "charge" | "payment_intent" | "currency" | "reason" | "metadata">;

export function newRefund(fields: RefundFields): FakeRefund {
  return {
    ...requiredStripeFixture("refund"),
    ...fields,
    id: stripeId("re"),
    object: "refund",
    balance_transaction: stripeId("txn"),
    status: "succeeded",
    created: nowInSeconds(),
  };
}
