import { DeliveryError } from "../delivery-error.js";
import type { BatchSendResult, EmailMessage, EmailSender } from "./email-sender.js";
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

  /** Each message in turn through `send`, so the dev mailbox and idempotency keys behave as for single sends. */
  async sendBatch(messages: EmailMessage[]): Promise<BatchSendResult[]> {
    const results: BatchSendResult[] = [];
    for (const message of messages) {
      try {
        results.push({ ok: true, id: (await this.send(message)).id });
      } catch (error) {
        if (!(error instanceof DeliveryError)) throw error;
        results.push({ ok: false, error });
      }
    }
    return results;
  }
}
