import type { SecretBox } from "@bookable/auth";
import type { JobQueue } from "@bookable/db";

/** The queue every message goes through (pg-boss queue name). */
export const NOTIFICATION_QUEUE = "notifications";

/** A job on the notification queue names its row in the delivery log, which holds everything else. */
export interface NotificationJob {
  notificationId: string;
}

/** What enqueueing messages needs; built once at start by the host. */
export interface NotificationOutbox {
  jobs: JobQueue;
  /** Origin for links in messages, e.g. https://bookable.example.com */
  publicUrl: string;
  /** Attempts per message before it is `dead` (NOTIFICATION_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Seals one-time links until delivery (NOTIFICATION_SECRET_KEY or the key file in DATA_DIR). */
  secretBox: SecretBox;
}
