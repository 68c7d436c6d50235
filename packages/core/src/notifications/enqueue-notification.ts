import { createHash, randomUUID } from "node:crypto";
import { type DatabaseExecutor, inTransaction, type JobInsert, type NotificationRow, notifications } from "@bookable/db";
import type { EmailTemplateData } from "@bookable/integrations";
import { NOTIFICATION_QUEUE, type NotificationJob, type NotificationOutbox } from "./notification-outbox.js";
import { notificationPriority } from "./notification-priority.js";
import { sealPayload } from "./notification-secrets.js";

export type NotificationTemplate = keyof EmailTemplateData;

export type NotificationRequest = {
  [Template in NotificationTemplate]: {
    channel: NotificationRow["channel"];
    template: Template;
    data: EmailTemplateData[Template];
    recipient: string;
    bookingId?: string | undefined;
    userId?: string | undefined;
    /** Not before this time (reminders); now by default. */
    sendAfter?: Date | undefined;
  };
}[NotificationTemplate];

/**
 * Writes a message to the delivery log and puts its job on the queue, both in the caller's transaction: a
 * change that rolls back sends nothing, a change that commits is always delivered (or ends `dead`). A
 * template's secrets (one-time links) are stored sealed with the outbox's key, never in the clear.
 */
export async function enqueueNotification(
  transaction: DatabaseExecutor,
  outbox: NotificationOutbox,
  request: NotificationRequest,
): Promise<string> {
  const [id] = await enqueueNotifications(transaction, outbox, [request]);
  if (!id) throw new Error("No notification was enqueued");
  return id;
}

/**
 * Several messages in two statements whatever their number (issue 12: a booking's confirmation, SMS and
 * reminders used to be four inserts and four jobs): one multi-row insert into the delivery log, one pg-boss
 * insert of their jobs, both in the caller's transaction. Returns the ids in the order of the requests.
 */
export async function enqueueNotifications(
  transaction: DatabaseExecutor,
  outbox: NotificationOutbox,
  requests: NotificationRequest[],
): Promise<string[]> {
  if (requests.length === 0) return [];
  const rows = requests.map((request) => {
    // The id is chosen here: the sealed secrets are bound to it.
    const id = randomUUID();
    const payload = sealPayload(outbox.secretBox, { id, template: request.template, recipient: request.recipient }, request.data);
    return {
      id,
      channel: request.channel,
      template: request.template,
      recipient: request.recipient,
      bookingId: request.bookingId ?? null,
      userId: request.userId ?? null,
      data: payload.data,
      sealedSecrets: payload.sealedSecrets,
      maxAttempts: outbox.maxAttempts,
      ...(request.sendAfter ? { sendAfter: request.sendAfter } : {}),
    };
  });
  await transaction.insert(notifications).values(rows);
  const jobs = rows.map(
    (row): JobInsert<NotificationJob> => ({
      data: { notificationId: row.id },
      // Confirmations and security mail overtake reminders and bulk mail waiting in the queue (decision 023).
      priority: notificationPriority(row.template),
      ...(row.sendAfter ? { startAfter: row.sendAfter } : {}),
      // What one person is told about one booking is a job group: workers hold one of its jobs at a time
      // (groupConcurrency 1), so a cancellation never overtakes its confirmation in flight (notification-worker.ts).
      ...(row.bookingId ? { group: { id: conversationOf(row.bookingId, row.recipient) } } : {}),
    }),
  );
  await outbox.jobs.insert(NOTIFICATION_QUEUE, jobs, { db: inTransaction(transaction) });
  return rows.map((row) => row.id);
}

/**
 * A booking's messages to one recipient, as a pg-boss group id: the booking and a hash of the address (the job
 * table need not hold it in the clear). Messages to different people, or about different bookings, go in
 * parallel.
 */
function conversationOf(bookingId: string, recipient: string): string {
  const address = createHash("sha256").update(recipient.trim().toLowerCase()).digest("base64url").slice(0, 16);
  return `${bookingId}:${address}`;
}
