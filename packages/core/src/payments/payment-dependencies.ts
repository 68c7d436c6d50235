import type { Database } from "@bookable/db";
import type { PaymentGateway } from "@bookable/integrations";
import type { NotificationOutbox } from "../notifications/notification-outbox.js";
import type { ServiceLog } from "../service-log.js";

/** What payment services need; built once at start by the host. */
export interface PaymentDependencies {
  db: Database;
  /** Stripe, the local development checkout, or null when neither may run (production without keys). */
  gateway: PaymentGateway | null;
  /** Messages caused by payment changes (confirmed, cancelled, refunded) are queued through it. */
  outbox: NotificationOutbox | null;
  /** Origin for return links, e.g. https://bookable.example.com */
  publicUrl: string;
  log: ServiceLog;
}
