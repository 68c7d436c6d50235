// Test doubles for the integrations' external APIs; imported by tests as `@bookable/integrations/testing`.
export type {
  CheckoutSessionStatus,
  FakeCharge,
  FakeCheckoutSession,
  FakePaymentIntent,
  FakeRefund,
} from "./fake-stripe-objects.js";
export {
  type FakeStripeServer,
  type InvalidStripeRequest,
  type RecordedStripeRequest,
  type StripeRequestHeaders,
  startFakeStripeServer,
} from "./fake-stripe-server.js";
export type { StripeErrorBody, StripeErrorType } from "./stripe-errors.js";
export { type StripeSpecTimings, stripeSpecTimings } from "./stripe-openapi.js";
export { type SignedWebhook, type StripeEventPayload, signedWebhook, stripeEvent } from "./stripe-webhooks.js";
