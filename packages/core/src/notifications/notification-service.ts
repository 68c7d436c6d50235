import type { Database } from "@bookable/db";
import type {
  EmailDeliveryOutput,
  listNotificationsInput,
  NotificationBacklogOutput,
  NotificationOutput,
} from "@bookable/validators";
import type { z } from "zod";
import { listNotifications, retryNotification } from "./delivery-log.js";
import { readNotificationBacklog } from "./notification-backlog.js";
import type { NotificationOutbox } from "./notification-outbox.js";
import { clearUndeliverableAddress, readEmailDelivery } from "./undeliverable-addresses.js";

export interface NotificationServiceDependencies {
  db: Database;
  /** The delivery log's job queue, where a retried message goes again. */
  outbox: NotificationOutbox;
}

/** The delivery log (admins) and a caller's own email delivery, with their dependencies bound (issue 14). */
export interface NotificationService {
  list(input: z.output<typeof listNotificationsInput>): Promise<{ items: NotificationOutput[]; nextCursor: string | null }>;
  backlog(): Promise<NotificationBacklogOutput>;
  retry(notificationId: string): Promise<NotificationOutput>;
  /** Whether mail to the address is delivered, or stopped after a bounce or complaint. */
  emailDelivery(address: string): Promise<EmailDeliveryOutput>;
  /** Lets mail to a stopped address go out again, and answers its delivery as it is now. */
  resumeEmailDelivery(address: string): Promise<EmailDeliveryOutput>;
}

export function createNotificationService({ db, outbox }: NotificationServiceDependencies): NotificationService {
  return {
    list: (input) => listNotifications(db, input),
    backlog: () => readNotificationBacklog(db, outbox.jobs),
    retry: (notificationId) => retryNotification(db, outbox, notificationId),
    emailDelivery: (address) => readEmailDelivery(db, address),
    async resumeEmailDelivery(address) {
      await clearUndeliverableAddress(db, address);
      return readEmailDelivery(db, address);
    },
  };
}
