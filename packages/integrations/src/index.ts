export type { EmailMessage, EmailSender, SentEmail } from "./email/email-sender.js";
export { LocalEmailSender, type RecordedEmail } from "./email/local-email-sender.js";
export { createLocalPaymentGateway } from "./payments/local-payment-gateway.js";
export {
  type ChargeSnapshot,
  type CheckoutRequest,
  type CheckoutSnapshot,
  type CheckoutStatus,
  type LocalGateway,
  type PaymentEventNotice,
  type PaymentGateway,
  PaymentProviderError,
  type RefundRequest,
  type RefundSnapshot,
  type RefundState,
  type StripeGateway,
  WebhookSignatureError,
} from "./payments/payment-gateway.js";
export { createStripePaymentGateway, type StripeGatewayOptions } from "./payments/stripe-payment-gateway.js";
