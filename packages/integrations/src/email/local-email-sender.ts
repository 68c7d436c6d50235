import { type BatchSendResult, type EmailMessage, type EmailSender, sendEachInTurn } from "./email-sender.js";
import { LocalOutbox, type OutboxEntry } from "./local-outbox.js";

export interface RecordedEmail extends EmailMessage, OutboxEntry {}

/**
 * Delivers nothing: records each message in memory (the newest 200) so the dev mailbox page and tests can
 * read it. Used whenever no email provider is configured.
 */
export class LocalEmailSender extends LocalOutbox<EmailMessage> implements EmailSender {
  readonly kind = "local";

  constructor() {
    super("local");
  }

  /** Each message in turn through `send`, so the mailbox and idempotency keys behave as for single sends. */
  sendBatch(messages: EmailMessage[]): Promise<BatchSendResult[]> {
    return sendEachInTurn((message) => this.send(message), messages);
  }
}
