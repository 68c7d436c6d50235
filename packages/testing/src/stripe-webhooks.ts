// Webhook deliveries as Stripe sends them, for testing an endpoint that verifies signatures with the real SDK.
import Stripe from "stripe";
import { stripeId } from "./fake-stripe-objects.js";
import { requiredStripeFixture } from "./stripe-fixtures.js";

export interface StripeEventPayload<T = Record<string, unknown>> {
  [field: string]: unknown;
  id: string;
  object: "event";
  type: string;
  api_version: string | null;
  created: number;
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  data: { object: T };
}

/**
 * An event around `object`, e.g. `stripeEvent("checkout.session.completed", server.completeSession(id))`,
 * built on Stripe's example event and stamped with the SDK's API version, as a webhook endpoint created
 * with this SDK receives it.
 */
export function stripeEvent<T>(type: string, object: T, id: string = stripeId("evt")): StripeEventPayload<T> {
  return {
    ...requiredStripeFixture("event"),
    id,
    object: "event",
    type,
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  };
}

export interface SignedWebhook {
  /** The exact body to POST; the signature covers these bytes. */
  payload: string;
  /** The `Stripe-Signature` header value. */
  signature: string;
}

/** Signs like Stripe with the real SDK; `timestamp` (seconds) lets a test send a stale delivery. */
export function signedWebhook(event: object | string, secret: string, options: { timestamp?: number } = {}): SignedWebhook {
  // Stripe delivers events pretty-printed; the exact bytes matter only in that they are what gets signed.
  const payload = typeof event === "string" ? event : JSON.stringify(event, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: options.timestamp });
  return { payload, signature };
}
