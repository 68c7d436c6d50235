import Stripe from "stripe";
import {
  type ChargeSnapshot,
  type CheckoutSnapshot,
  PaymentProviderError,
  type RefundSnapshot,
  type StripeGateway,
  WebhookSignatureError,
} from "./payment-gateway.js";

export interface StripeGatewayOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API server (the Stripe mock in tests, a local proxy): its origin, e.g. http://127.0.0.1:12111. */
  apiBase?: string | undefined;
}

// Stripe refuses an `expires_at` less than 30 minutes after the session's creation. The hold is at least 30
// minutes from the booking's commit, which is a few milliseconds before the session is created; the adapter
// moves such an expiry to the earliest Stripe accepts. The hold-expiry job closes the session when the hold
// ends anyway, so the seconds in between cannot be paid for a released hold.
const STRIPE_MINIMUM_EXPIRY_SECONDS = 30 * 60 + 5;

/** Stripe Checkout through the official SDK. */
export function createStripePaymentGateway(options: StripeGatewayOptions): StripeGateway {
  const base = options.apiBase ? new URL(options.apiBase) : undefined;
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: 15_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === "https:" ? 443 : 80),
          protocol: base.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });

  return {
    mode: "stripe",

    createCheckout: (request) =>
      call("create a checkout session", async () => {
        const nowSeconds = Math.floor(Date.now() / 1000);
        const session = await stripe.checkout.sessions.create(
          {
            mode: "payment",
            line_items: [
              {
                quantity: 1,
                price_data: {
                  currency: request.currency.toLowerCase(),
                  unit_amount: request.amount,
                  product_data: { name: request.description },
                },
              },
            ],
            customer_email: request.customerEmail,
            client_reference_id: request.bookingId,
            metadata: { booking_id: request.bookingId, payment_id: request.paymentId },
            payment_intent_data: { metadata: { booking_id: request.bookingId, payment_id: request.paymentId } },
            expires_at: Math.max(Math.floor(request.expiresAt.getTime() / 1000), nowSeconds + STRIPE_MINIMUM_EXPIRY_SECONDS),
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
          },
          { idempotencyKey: request.idempotencyKey },
        );
        return checkoutSnapshot(session);
      }),

    retrieveCheckout: (id) =>
      call("read a checkout session", async () => {
        try {
          return checkoutSnapshot(await stripe.checkout.sessions.retrieve(id));
        } catch (error) {
          if (isMissing(error)) return null;
          throw error;
        }
      }),

    expireCheckout: (id) =>
      call("expire a checkout session", async () => {
        try {
          return checkoutSnapshot(await stripe.checkout.sessions.expire(id));
        } catch (error) {
          // Only open sessions can be expired: one that was completed or expired meanwhile is read instead.
          if (error instanceof Stripe.errors.StripeInvalidRequestError && !isMissing(error)) {
            return checkoutSnapshot(await stripe.checkout.sessions.retrieve(id));
          }
          throw error;
        }
      }),

    refund: (request) =>
      call("refund a payment", async () =>
        refundSnapshot(
          await stripe.refunds.create(
            { payment_intent: request.paymentId, amount: request.amount, metadata: { booking_id: request.bookingId } },
            { idempotencyKey: request.idempotencyKey },
          ),
        ),
      ),

    retrieveRefund: (id) =>
      call("read a refund", async () => {
        try {
          return refundSnapshot(await stripe.refunds.retrieve(id));
        } catch (error) {
          if (isMissing(error)) return null;
          throw error;
        }
      }),

    retrieveCharge: (id) =>
      call("read a charge", async (): Promise<ChargeSnapshot | null> => {
        try {
          const charge = await stripe.charges.retrieve(id);
          return { id: charge.id, paymentId: idOf(charge.payment_intent), amountRefunded: charge.amount_refunded };
        } catch (error) {
          if (isMissing(error)) return null;
          throw error;
        }
      }),

    verifyWebhook(rawBody, signature) {
      if (!signature) throw new WebhookSignatureError("The Stripe-Signature header is missing");
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret);
      } catch (error) {
        throw new WebhookSignatureError(error instanceof Error ? error.message : "The signature does not match");
      }
      const object: unknown = event.data.object;
      const objectId =
        typeof object === "object" && object !== null && "id" in object && typeof object.id === "string" ? object.id : null;
      return { id: event.id, type: event.type, objectId };
    },
  };
}

function checkoutSnapshot(session: Stripe.Checkout.Session): CheckoutSnapshot {
  return {
    id: session.id,
    status: checkoutStatus(session.status),
    paid: session.payment_status === "paid",
    url: session.url,
    bookingId: session.metadata?.booking_id ?? session.client_reference_id ?? null,
    paymentId: idOf(session.payment_intent),
    amount: session.amount_total,
    currency: session.currency,
    expiresAt: new Date(session.expires_at * 1000),
  };
}

function checkoutStatus(status: string | null): CheckoutSnapshot["status"] {
  if (status === "complete") return "complete";
  if (status === "expired") return "expired";
  return "open";
}

function refundSnapshot(refund: Stripe.Refund): RefundSnapshot {
  const status: RefundSnapshot["status"] =
    refund.status === "succeeded"
      ? "succeeded"
      : refund.status === "failed" || refund.status === "canceled"
        ? "failed"
        : "pending";
  return { id: refund.id, status, amount: refund.amount, paymentId: idOf(refund.payment_intent) };
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

function isMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && (error.statusCode === 404 || error.code === "resource_missing");
}

/** Runs one Stripe call; its failure becomes a PaymentProviderError that says what was attempted. */
async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      throw new PaymentProviderError(`Stripe could not ${what}: ${error.message}`, error.statusCode, { cause: error });
    }
    throw error;
  }
}
