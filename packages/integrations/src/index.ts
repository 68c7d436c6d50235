export { DeliveryError, type DeliveryErrorOptions, isRetriableStatus } from "./delivery-error.js";
export {
  type BatchSendResult,
  type EmailAttachment,
  type EmailMessage,
  type EmailSender,
  type SentEmail,
  sendEachInTurn,
} from "./email/email-sender.js";
export { LocalEmailSender, type RecordedEmail } from "./email/local-email-sender.js";
export type { LocalOutbox, OutboxEntry } from "./email/local-outbox.js";
export {
  createResendEmailSender,
  RESEND_BATCH_LIMIT,
  RESEND_DEFAULT_REQUESTS_PER_SECOND,
  type ResendEmailSenderOptions,
} from "./email/resend-email-sender.js";
export { type ResendDeliveryNotice, readResendWebhook } from "./email/resend-webhook.js";
export {
  type BookingEmailDetails,
  EMAIL_TEMPLATE_NAMES,
  type EmailTemplateData,
  type EmailTemplateName,
  type Money,
  type RenderedEmail,
  renderEmail,
  renderSms,
  SMS_MAX_LENGTH,
  type SmsTemplateName,
} from "./email/templates/render-email.js";
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
export { LocalSmsSender, type SentSms, type SentSmsQuery, type SmsMessage, type SmsSender } from "./sms/sms-sender.js";
export {
  createTwilioSmsSender,
  TWILIO_DEFAULT_MESSAGES_PER_SECOND,
  type TwilioSmsSenderOptions,
} from "./sms/twilio-sms-sender.js";
export { readTwilioStatusCallback, type TwilioStatusNotice } from "./sms/twilio-status-callback.js";
