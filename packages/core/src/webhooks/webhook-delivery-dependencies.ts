import type { SecretBox } from "@bookable/auth";
import type { Database, JobQueue } from "@bookable/db";
import type { NotificationOutbox } from "../notifications/notification-outbox.js";
import type { ServiceLog } from "../service-log.js";

export interface WebhookDeliverySettings {
  /** Milliseconds a receiver has to answer (WEBHOOK_TIMEOUT_SECONDS; 10 s). */
  timeoutMs: number;
  /** Whether private and loopback addresses may be delivered to (WEBHOOK_ALLOW_PRIVATE_ADDRESSES; not in production). */
  allowPrivateAddresses: boolean;
  /** The first retry's wait, in seconds; later ones are multiples of it (webhook-retry-schedule.ts). */
  retryBaseSeconds: number;
  /** How long an endpoint may fail without a success before it is disabled (WEBHOOK_DISABLE_AFTER_HOURS; 5 days). */
  disableAfterMs: number;
  /** Sent as User-Agent on every delivery. */
  userAgent: string;
}

/** What the webhook worker needs; built once at start by the host. */
export interface WebhookDeliveryDependencies {
  db: Database;
  jobs: JobQueue;
  /** Opens the endpoints' sealed signing secrets (the box notifications use). */
  secretBox: SecretBox;
  /** Where the "endpoint disabled" email goes out; its publicUrl makes the email's link. */
  outbox: NotificationOutbox;
  log: ServiceLog;
  settings: WebhookDeliverySettings;
}
