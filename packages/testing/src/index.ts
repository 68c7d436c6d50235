// Test doubles for the external APIs (Stripe, Resend, Twilio), imported by tests as `@bookable/testing`. The process
// and browser helpers have subpaths of their own (`@bookable/testing/free-port`, ...) so a test importing the fakes
// does not load Chromium's driver and the other way round.

export { type SignedDelivery, signedResendEvent, signedTwilioCallback } from "./delivery-webhooks.js";
export { expectedRejection } from "./expected-rejection.js";
export type { ApiOperationHandler, FakeReply, InvalidApiRequest, RecordedApiRequest } from "./fake-api-requests.js";
export type { FakeApiServer, RateWindow } from "./fake-api-server.js";
export {
  type FakeResendServer,
  type FakeResendServerOptions,
  RESEND_FAKE_DEFAULT_REQUESTS_PER_SECOND,
  startFakeResendServer,
} from "./fake-resend-server.js";
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
export { type FakeTwilioServer, type FakeTwilioServerOptions, startFakeTwilioServer } from "./fake-twilio-server.js";
export type { FakeResendAttachment, FakeResendEmail } from "./resend-emails.js";
export type { StripeErrorBody, StripeErrorType } from "./stripe-errors.js";
export { type StripeSpecTimings, stripeSpecTimings } from "./stripe-openapi.js";
export { type SignedWebhook, type StripeEventPayload, signedWebhook, stripeEvent } from "./stripe-webhooks.js";
export type { FakeTwilioMessage } from "./twilio-messages.js";
export { type VendorSpecTimings, vendorSpecTimings } from "./vendor-openapi.js";
