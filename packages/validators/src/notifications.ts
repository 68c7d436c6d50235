import { z } from "zod";
import { notificationChannelValues, notificationStatusValues } from "./enum-values.js";
import { pageCursor } from "./page-cursor.js";

export const notificationChannel = z.enum(notificationChannelValues).meta({ id: "NotificationChannel" });

export const notificationStatus = z.enum(notificationStatusValues).meta({
  id: "NotificationStatus",
  description:
    "`queued` until its time; `sending` while a worker delivers it; `retrying` after a failure with attempts left; `sent` (the provider accepted it); `skipped` (a reminder of a booking that was cancelled, or an email to an address marked undeliverable); `dead` after the last failed attempt — an admin may retry it. Then the provider's word: `delivered`; `bounced` (the recipient's server refused it); `complained` (the recipient marked it as spam); `failed` (the provider could not deliver it, e.g. an SMS undelivered).",
});

export const notificationOutput = z
  .object({
    id: z.uuid(),
    channel: notificationChannel,
    template: z.string().meta({ example: "booking-confirmed" }),
    recipient: z.string().meta({ description: "The full address or phone number (admins only see this log)." }),
    bookingId: z.uuid().nullable(),
    status: notificationStatus,
    attempts: z.int(),
    maxAttempts: z.int(),
    providerMessageId: z.string().nullable(),
    lastError: z.string().nullable(),
    sendAfter: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Notification", description: "One message in the delivery log." });
export type NotificationOutput = z.infer<typeof notificationOutput>;

export const listNotificationsInput = z
  .object({
    status: notificationStatus.optional(),
    channel: notificationChannel.optional(),
    bookingId: z.uuid({ error: "Not a booking id" }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: pageCursor.optional(),
  })
  .meta({ id: "ListNotificationsInput" });

export const notificationListOutput = z
  .object({ items: z.array(notificationOutput), nextCursor: z.string().nullable() })
  .meta({ id: "NotificationList" });

export const notificationIdInput = z.object({ id: z.uuid({ error: "Not a notification id" }) });

export const notificationPriority = z.enum(["urgent", "normal", "bulk"]).meta({
  id: "NotificationPriority",
  description:
    "`urgent`: confirmations, payment requests, verification and reset links; `normal`: cancellations and refunds; `bulk`: reminders. A higher one is always sent first.",
});

export const notificationBacklogOutput = z
  .object({
    due: z
      .object({ urgent: z.int(), normal: z.int(), bulk: z.int() })
      .meta({ description: "Messages due now and waiting for a worker, by priority (their retry backoff over, if any)." }),
    scheduled: z.int().meta({ description: "Messages waiting for their time (reminders, retries after a backoff)." }),
    inFlight: z.int().meta({ description: "Messages a worker is delivering now." }),
    oldestDue: z
      .object({
        notification: notificationOutput,
        dueSince: z.iso.datetime(),
        waitingSeconds: z.number().meta({ example: 1.5 }),
      })
      .nullable()
      .meta({ description: "The message that has waited longest since it came due; null when nothing is due." }),
  })
  .meta({ id: "NotificationBacklog", description: "How far the notification workers are behind." });
export type NotificationBacklogOutput = z.infer<typeof notificationBacklogOutput>;
