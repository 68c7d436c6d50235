import { LocalOutbox } from "../email/local-outbox.js";

/** One text message, already rendered. */
export interface SmsMessage {
  /** E.164, e.g. `+4915112345678`. */
  to: string;
  body: string;
  /** Which template produced it (for the delivery log and tests). */
  template: string;
  /**
   * The same key never sends twice. Twilio's Messages API has no idempotency key, so the Twilio adapter can
   * only remember keys within its process (see createTwilioSmsSender).
   */
  idempotencyKey?: string | undefined;
}

export interface SentSms {
  /** The provider's id of the message, e.g. Twilio's `SM...` sid. */
  id: string;
}

/**
 * The port through which core sends text messages; adapters: local (development, tests) and Twilio.
 * A failed send throws DeliveryError, whose `retriable` says whether trying again later can help.
 */
export interface SmsSender {
  readonly kind: "local" | "twilio";
  send(message: SmsMessage): Promise<SentSms>;
}

/** Delivers nothing: records each message in memory (the newest 200), like LocalEmailSender. */
export class LocalSmsSender extends LocalOutbox<SmsMessage> implements SmsSender {
  readonly kind = "local";

  constructor() {
    super("local_sms");
  }
}
