import { type DatabaseExecutor, type NotificationRow, notifications } from "@bookable/db";
import { and, eq, inArray } from "drizzle-orm";

/** Why a reminder is skipped: it would reach the attendee before the confirmation it reminds of. */
export const CONFIRMATION_NOT_YET_SENT = "The booking's confirmation had not gone out yet";

const UNFINISHED: NotificationRow["status"][] = ["queued", "sending", "retrying"];

/**
 * The reminders among `messages` whose booking's confirmation to the same recipient, on the same channel, has
 * not gone out yet (still queued, or waiting for a retry), in one query. A confirmation is always a booking's
 * first message (issue 15): a reminder that comes due before it is skipped, as the confirmation still to come
 * tells the same.
 */
export async function remindersBeforeTheirConfirmation(db: DatabaseExecutor, messages: NotificationRow[]): Promise<Set<string>> {
  const reminders = messages.filter((message) => message.template === "booking-reminder" && message.bookingId);
  if (reminders.length === 0) return new Set();
  const bookingIds = [...new Set(reminders.map((message) => message.bookingId ?? ""))];
  const pending = await db
    .select({ bookingId: notifications.bookingId, channel: notifications.channel, recipient: notifications.recipient })
    .from(notifications)
    .where(
      and(
        inArray(notifications.bookingId, bookingIds),
        eq(notifications.template, "booking-confirmed"),
        inArray(notifications.status, UNFINISHED),
      ),
    );
  const key = (row: Pick<NotificationRow, "bookingId" | "channel" | "recipient">) =>
    `${row.bookingId} ${row.channel} ${row.recipient}`;
  const waiting = new Set(pending.map(key));
  return new Set(reminders.filter((message) => waiting.has(key(message))).map((message) => message.id));
}
