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
}
