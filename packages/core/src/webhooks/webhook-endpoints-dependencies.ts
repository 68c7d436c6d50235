import type { SecretBox } from "@bookable/auth";
import type { Database } from "@bookable/db";
import type { WebhookOutbox } from "./webhook-outbox.js";

/** What managing webhook endpoints needs; built once at start by the host (issue 16). */
export interface WebhookEndpointsDependencies {
  db: Database;
  /** Seals the signing secrets (the notifications' box, decision 018): the worker must read them back to sign. */
  secretBox: SecretBox;
  /** Where resent deliveries and test events are queued. */
  outbox: WebhookOutbox;
  /** Plain `http://` endpoint URLs are taken outside production only (NODE_ENV). */
  allowPlainHttp: boolean;
}
