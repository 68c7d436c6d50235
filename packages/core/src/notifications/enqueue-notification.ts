import { randomUUID } from "node:crypto";
import { type DatabaseExecutor, inTransaction, type NotificationRow, notifications } from "@bookable/db";
import type { EmailTemplateData } from "@bookable/integrations";
import { NOTIFICATION_QUEUE, type NotificationJob, type NotificationOutbox } from "./notification-outbox.js";
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
  // The id is chosen here: the sealed secrets are bound to it.
  const id = randomUUID();
  const payload = sealPayload(outbox.secretBox, { id, template: request.template, recipient: request.recipient }, request.data);
  const [row] = await transaction
    .insert(notifications)
    .values({
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
    })
    .returning({ id: notifications.id });
  if (!row) throw new Error("Insert into notifications returned no row");
  const job: NotificationJob = { notificationId: row.id };
  await outbox.jobs.send(NOTIFICATION_QUEUE, job, {
    db: inTransaction(transaction),
    ...(request.sendAfter ? { startAfter: request.sendAfter } : {}),
  });
  return row.id;
}
