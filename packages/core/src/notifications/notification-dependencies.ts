import type { LinkSigner, SecretBox } from "@bookable/auth";
import type { Database } from "@bookable/db";
import type { EmailSender, SmsSender } from "@bookable/integrations";
import type { ServiceLog } from "../service-log.js";

/** What delivering messages needs: the providers (or their local stand-ins) and the delivery log. */
export interface DeliveryDependencies {
  db: Database;
  email: EmailSender;
  sms: SmsSender;
  /** Origin for links and the calendar file's UID. */
  publicUrl: string;
  log: ServiceLog;
  /** Opens the sealed one-time links; the same key as the outbox's. */
  secretBox: SecretBox;
  /** Signs the calendar-file links of confirmation emails (made at sending, never stored). */
  calendarLinks: LinkSigner;
  /** Told of each delivery and provider failure, for /metrics; optional (tests, scripts). */
  metrics?: DeliveryMetrics | undefined;
}

/** What delivery reports for /metrics (issue 13). */
export interface DeliveryMetrics {
  /** A message went out, `seconds` after it was due (enqueued, or its reminder time came). */
  delivered(message: { channel: string; template: string }, seconds: number): void;
  /** A provider refused a message or could not be reached; `code` is the provider's code, its status, or "unreachable". */
  providerError(channel: string, code: string): void;
}
