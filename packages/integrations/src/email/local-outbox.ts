// What the local email and SMS senders share: they deliver nothing and keep what they were given in memory,
// for the development mailbox page and for tests.
import { randomUUID } from "node:crypto";
import { OncePerKey } from "./once-per-key.js";

export interface OutboxEntry {
  id: string;
  sentAt: Date;
}

// The mailbox is for looking at recent messages, not an archive; bounded so a long run cannot grow without limit.
const OUTBOX_CAPACITY = 200;
// More keys than messages: a retry may come after the message itself has been pushed out of the mailbox.
const REMEMBERED_KEYS = 10_000;

/** Records each message, newest first; a repeated idempotency key returns the first id and records nothing, as the providers do. */
export class LocalOutbox<TMessage extends { idempotencyKey?: string | undefined }> {
  readonly #idPrefix: string;
  readonly #entries: (TMessage & OutboxEntry)[] = [];
  readonly #sent = new OncePerKey<{ id: string }>(REMEMBERED_KEYS);
  readonly #listeners = new Set<(entry: TMessage & OutboxEntry) => void>();

  constructor(idPrefix: string) {
    this.#idPrefix = idPrefix;
  }

  send(message: TMessage): Promise<{ id: string }> {
    return this.#sent.run(message.idempotencyKey, async () => {
      const entry = { ...message, id: `${this.#idPrefix}_${randomUUID()}`, sentAt: new Date() };
      this.#add(entry);
      for (const listener of this.#listeners) listener(entry);
      return { id: entry.id };
    });
  }

  /** Calls `listener` with each message this outbox sends itself (not with those copied in by `record`). */
  onSent(listener: (entry: TMessage & OutboxEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Keeps a message another process's outbox sent (server processes share one mailbox, issue 12), with its
   * id; its idempotency key is known here from then on, so a retry through this process records nothing.
   */
  record(entry: TMessage & OutboxEntry): void {
    if (entry.idempotencyKey !== undefined) this.#sent.remember(entry.idempotencyKey, { id: entry.id });
    this.#add(entry);
  }

  #add(entry: TMessage & OutboxEntry): void {
    this.#entries.unshift(entry);
    this.#entries.length = Math.min(this.#entries.length, OUTBOX_CAPACITY);
  }

  /** Newest first. */
  messages(): readonly (TMessage & OutboxEntry)[] {
    return this.#entries;
  }
}
