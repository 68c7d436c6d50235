import { type Database, inTransaction, type NotificationRow, notifications } from "@bookable/db";
import type { NotificationOutput, notificationChannel, notificationStatus } from "@bookable/validators";
import { and, desc, eq, lt, or } from "drizzle-orm";
import type { z } from "zod";
import { AppError } from "../app-error.js";
import { decodePageCursor, encodePageCursor } from "../pagination/page-cursor.js";
import { NOTIFICATION_QUEUE, type NotificationJob, type NotificationOutbox } from "./notification-outbox.js";
import { notificationPriority } from "./notification-priority.js";
import { carriesSecrets, openPayload } from "./notification-secrets.js";

/** The delivery log for admins, newest first, filtered by status, channel or booking. */
export async function listNotifications(
  db: Database,
  options: {
    status?: z.output<typeof notificationStatus> | undefined;
    channel?: z.output<typeof notificationChannel> | undefined;
    bookingId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ items: NotificationOutput[]; nextCursor: string | null }> {
  const after = options.cursor ? decodePageCursor(options.cursor) : undefined;
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        options.status ? eq(notifications.status, options.status) : undefined,
        options.channel ? eq(notifications.channel, options.channel) : undefined,
        options.bookingId ? eq(notifications.bookingId, options.bookingId) : undefined,
        after
          ? or(lt(notifications.createdAt, after.at), and(eq(notifications.createdAt, after.at), lt(notifications.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map(toNotificationOutput),
    nextCursor: rows.length > options.limit && last ? encodePageCursor(last.createdAt, last.id) : null,
  };
}

/**
 * An admin sends a dead message again: its attempts start over and a new job goes on the queue. A dead
 * verification or reset message lost its link when it died (decision 018), so it cannot be sent again; the
 * user asks for a new link instead, which mints a fresh token for the address the account has now.
 */
export async function retryNotification(db: Database, outbox: NotificationOutbox, id: string): Promise<NotificationOutput> {
  return db.transaction(async (transaction) => {
    const [candidate] = await transaction.select().from(notifications).where(eq(notifications.id, id));
    if (candidate?.status === "dead" && carriesSecrets(candidate.template) && !openPayload(outbox.secretBox, candidate)) {
      throw new AppError(
        "CONFLICT",
        "This message carried a one-time link, which was deleted when it could not be delivered; the user can ask for a new link (forgot password, or resend the confirmation email)",
      );
    }
    const [row] = await transaction
      .update(notifications)
      .set({ status: "queued", attempts: 0, lastError: null, sendAfter: new Date(), updatedAt: new Date() })
      .where(and(eq(notifications.id, id), eq(notifications.status, "dead")))
      .returning();
    if (!row) {
      const [existing] = await transaction
        .select({ status: notifications.status })
        .from(notifications)
        .where(eq(notifications.id, id));
      if (!existing) throw new AppError("NOT_FOUND", "No such message");
      throw new AppError("CONFLICT", `Only dead messages can be retried; this one is ${existing.status}`);
    }
    const job: NotificationJob = { notificationId: row.id };
    await outbox.jobs.send(NOTIFICATION_QUEUE, job, {
      db: inTransaction(transaction),
      priority: notificationPriority(row.template),
    });
    return toNotificationOutput(row);
  });
}

export function toNotificationOutput(row: NotificationRow): NotificationOutput {
  return {
    id: row.id,
    channel: row.channel,
    template: row.template,
    recipient: row.recipient,
    bookingId: row.bookingId,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    providerMessageId: row.providerMessageId,
    lastError: row.lastError,
    sendAfter: row.sendAfter.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
