import type { Database } from "@bookable/db";
import type { EmailSender, PaymentGateway } from "@bookable/integrations";

/** Structured logging as pino does it (`log.warn({ data }, "message")`); the host passes its logger. */
export interface PaymentLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

/** What payment services need; built once at start by the host. */
export interface PaymentDependencies {
  db: Database;
  /** Stripe, the local development checkout, or null when neither may run (production without keys). */
  gateway: PaymentGateway | null;
  /** Tells bookers about refunds they did not ask for (a late payment for a slot that was taken). */
  email: EmailSender;
  /** Origin for return links, e.g. https://bookable.example.com */
  publicUrl: string;
  log: PaymentLog;
}
