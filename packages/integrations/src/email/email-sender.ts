/** A file sent along with an email. */
export interface EmailAttachment {
  filename: string;
  /** UTF-8 text, e.g. an .ics calendar file; the adapters encode it for the provider. */
  content: string;
  /** E.g. `text/calendar; charset=utf-8; method=PUBLISH`. */
  contentType: string;
}

/** One email, already rendered. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Which template produced it (for the delivery log and tests). */
  template: string;
  attachments?: EmailAttachment[] | undefined;
  /** The same key never sends twice: Resend's Idempotency-Key (kept for 24 hours there). */
  idempotencyKey?: string | undefined;
}

export interface SentEmail {
  /** The provider's id of the message. */
  id: string;
}

/**
 * The port through which core sends email; adapters: local (development, tests) and Resend (production).
 * A failed send throws DeliveryError, whose `retriable` says whether trying again later can help.
 */
export interface EmailSender {
  readonly kind: "local" | "resend";
  send(message: EmailMessage): Promise<SentEmail>;
}
