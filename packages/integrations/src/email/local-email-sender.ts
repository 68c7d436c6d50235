import { randomUUID } from "node:crypto";
import type { EmailMessage, EmailSender, SentEmail } from "./email-sender.js";

export interface RecordedEmail extends EmailMessage {
  id: string;
  sentAt: Date;
}

// The dev mailbox is for looking at recent mail, not an archive; bounded so a long run cannot grow without limit.
const MAILBOX_CAPACITY = 200;

/**
 * Delivers nothing: records each message in memory so the dev mailbox page and tests can read it. Used
 * whenever no email provider is configured.
 */
export class LocalEmailSender implements EmailSender {
  readonly kind = "local";
  readonly #messages: RecordedEmail[] = [];

  async send(message: EmailMessage): Promise<SentEmail> {
    const recorded = { ...message, id: `local_${randomUUID()}`, sentAt: new Date() };
    this.#messages.unshift(recorded);
    this.#messages.length = Math.min(this.#messages.length, MAILBOX_CAPACITY);
    return { id: recorded.id };
  }

  /** Newest first. */
  messages(): readonly RecordedEmail[] {
    return this.#messages;
  }
}
