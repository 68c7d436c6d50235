/**
 * The payments port. Core asks it to open, read and close checkouts and to refund; the Stripe adapter
 * talks to Stripe Checkout, the local adapter stands in for it in development. Amounts are in minor units.
 */
export interface CheckoutRequest {
  bookingId: string;
  paymentId: string;
  amount: number;
  /** ISO 4217, any case. */
  currency: string;
  /** What the booker sees on the payment page, e.g. "Room A, Tue 1 Dec 2026 09:00 (Europe/Berlin)". */
  description: string;
  customerEmail: string;
  /** The hold's expiry: the checkout cannot be paid after it. */
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
  /** Repeating a request with the same key returns the first checkout instead of opening another. */
  idempotencyKey: string;
}

export type CheckoutStatus = "open" | "complete" | "expired";

/** A checkout as the provider sees it now (never as a webhook payload claimed it). */
export interface CheckoutSnapshot {
  id: string;
  status: CheckoutStatus;
  /** The money was taken (Stripe's `payment_status: paid`). */
  paid: boolean;
  url: string | null;
  /** The booking named in the checkout's metadata. */
  bookingId: string | null;
  /** The provider's payment (Stripe PaymentIntent id), once there is one. */
  paymentId: string | null;
  amount: number | null;
  currency: string | null;
  expiresAt: Date;
}

export interface RefundRequest {
  paymentId: string;
  amount: number;
  bookingId: string;
  /** The same key always means the same refund: a retry never refunds twice. */
  idempotencyKey: string;
}

export type RefundState = "pending" | "succeeded" | "failed";

export interface RefundSnapshot {
  id: string;
  status: RefundState;
  amount: number;
  paymentId: string | null;
}

/** What a provider's charge says about refunds made outside Bookable (e.g. in the Stripe dashboard). */
export interface ChargeSnapshot {
  id: string;
  paymentId: string | null;
  amountRefunded: number;
}

/** The ids of a verified provider event; its payload is trusted for nothing else. */
export interface PaymentEventNotice {
  id: string;
  type: string;
  /** The id of the object the event is about (checkout session, refund, charge). */
  objectId: string | null;
}

interface PaymentGatewayOperations {
  createCheckout(request: CheckoutRequest): Promise<CheckoutSnapshot>;
  /** Null when the provider does not know the id. */
  retrieveCheckout(id: string): Promise<CheckoutSnapshot | null>;
  /** Closes an open checkout so it cannot be paid; a checkout that is no longer open is returned as it is. */
  expireCheckout(id: string): Promise<CheckoutSnapshot>;
  refund(request: RefundRequest): Promise<RefundSnapshot>;
  retrieveRefund(id: string): Promise<RefundSnapshot | null>;
  retrieveCharge(id: string): Promise<ChargeSnapshot | null>;
}

export interface StripeGateway extends PaymentGatewayOperations {
  readonly mode: "stripe";
  /** Verifies the `Stripe-Signature` of a webhook's raw body; throws WebhookSignatureError when it does not match. */
  verifyWebhook(rawBody: Buffer | string, signature: string | undefined): PaymentEventNotice;
}

export interface LocalGateway extends PaymentGatewayOperations {
  readonly mode: "local";
  /** The developer paid on the local checkout page. */
  completeCheckout(id: string): CheckoutSnapshot;
}

export type PaymentGateway = StripeGateway | LocalGateway;

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookSignatureError";
  }
}

/** The provider refused or could not be reached; the message is safe to log (no secrets). */
export class PaymentProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PaymentProviderError";
  }
}
