import { DeliveryError } from "../delivery-error.js";

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

/** One message's outcome in a batch: sent with the provider's id, or refused on its own. */
export type BatchSendResult = { ok: true; id: string } | { ok: false; error: DeliveryError };

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
  /**
   * Several messages in as few provider calls as possible (Resend: POST /emails/batch, up to 100 per call),
   * each keeping its own idempotencyKey. Results in the order of `messages`. A message the provider refused on
   * its own is reported in its slot as { error: DeliveryError } — it does not fail the others.
   */
  sendBatch(messages: EmailMessage[]): Promise<BatchSendResult[]>;
}

/**
 * sendBatch for a sender without a batch call: each message in turn through `send`, a refusal kept in its
 * slot. A failure that is not a DeliveryError (a bug) fails the whole batch, as it would a single send.
 */
export async function sendEachInTurn(
  send: (message: EmailMessage) => Promise<SentEmail>,
  messages: EmailMessage[],
): Promise<BatchSendResult[]> {
  const results: BatchSendResult[] = [];
  for (const message of messages) {
    try {
      results.push({ ok: true, id: (await send(message)).id });
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      results.push({ ok: false, error });
    }
  }
  return results;
}
