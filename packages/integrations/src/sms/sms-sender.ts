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
  /** Where the provider reports the message's delivery (Twilio's StatusCallback); the local sender ignores it. */
  statusCallback?: string | undefined;
}

/** A message the provider may already have: same recipient and body, created at `since` or later. */
export interface SentSmsQuery {
  to: string;
  body: string;
  since: Date;
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
  /**
   * The provider's own record of a message matching the query, newest first, or undefined: how an attempt cut
   * short by a crash is reconciled before sending again (Twilio has no idempotency key; issue 13).
   */
  findSent(query: SentSmsQuery): Promise<SentSms | undefined>;
}

/** Delivers nothing: records each message in memory (the newest 200), like LocalEmailSender. */
export class LocalSmsSender extends LocalOutbox<SmsMessage> implements SmsSender {
  readonly kind = "local";

  constructor() {
    super("local_sms");
  }

  findSent(query: SentSmsQuery): Promise<SentSms | undefined> {
    const found = this.messages().find(
      (message) => message.to === query.to && message.body === query.body && message.sentAt >= query.since,
    );
    return Promise.resolve(found ? { id: found.id } : undefined);
  }
}
