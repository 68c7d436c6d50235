import { type DatabaseExecutor, notifications } from "@bookable/db";
import type { BookingEmailDetails } from "@bookable/integrations";
import { and, eq, inArray } from "drizzle-orm";
import { type BookingRecord, findBookingRecord } from "../booking-store/find-booking.js";
import { enqueueNotification, enqueueNotifications, type NotificationRequest } from "./enqueue-notification.js";
import type { NotificationOutbox } from "./notification-outbox.js";

const MINUTE = 60_000;

export type BookingNotice =
  | { kind: "confirmed" }
  | { kind: "held"; checkoutUrl: string }
  | { kind: "cancelled"; cancelledBy: "booker" | "admin"; reason: string | null }
  | { kind: "refunded" }
  | { kind: "rescheduled"; previous: { start: Date; end: Date } }
  | { kind: "waitlist-offer" };

/**
 * Enqueues the messages a booking's change causes, in the transaction of that change: confirmed (email,
 * SMS if the attendee opted in, and the reminders), held awaiting payment, cancelled (with the refund
 * state), refunded without being asked (a late payment), moved to another time (with its reminders planned
 * again). Reads the booking as the transaction sees it, unless the caller passes the record it has just
 * written (no re-read of a row it holds). Returns the record it used.
 */
export async function notifyBooking(
  transaction: DatabaseExecutor,
  outbox: NotificationOutbox | null,
  bookingOrId: string | BookingRecord,
  notice: BookingNotice,
  now = new Date(),
): Promise<BookingRecord | undefined> {
  if (!outbox) return undefined;
  const row = typeof bookingOrId === "string" ? await findBookingRecord(transaction, bookingOrId) : bookingOrId;
  if (!row) return undefined;
  await enqueueBookingNotice(transaction, outbox, row, notice, now);
  // The record as this transaction sees it: the booking's webhook events are built from it, with no re-read.
  return row;
}

async function enqueueBookingNotice(
  transaction: DatabaseExecutor,
  outbox: NotificationOutbox,
  row: BookingRecord,
  notice: BookingNotice,
  now: Date,
): Promise<void> {
  const { booking, resource, payment } = row;
  const bookingId = booking.id;
  const details: BookingEmailDetails = {
    attendeeName: booking.attendeeName,
    resourceName: resource.name,
    start: booking.startAt.toISOString(),
    end: booking.endAt.toISOString(),
    resourceTimeZone: resource.timeZone,
    attendeeTimeZone: booking.attendeeTimeZone,
    attendeeHourCycle: booking.attendeeHourCycle,
    location: resource.location,
    seats: booking.seats,
    bookingUrl: `${outbox.publicUrl}/bookings/${booking.id}`,
  };
  const email = { channel: "email" as const, recipient: booking.attendeeEmail, bookingId, userId: booking.userId };
  const phone = booking.smsOptIn && booking.attendeePhone ? booking.attendeePhone : null;
  const sms = (recipient: string) => ({ channel: "sms" as const, recipient, bookingId, userId: booking.userId });
  const money = { amount: booking.priceAmount, currency: booking.currency };
  const reminders = (): NotificationRequest[] => {
    const remindAt = new Date(booking.startAt.getTime() - resource.reminderMinutesBefore * MINUTE);
    // A booking made (or moved) inside the reminder window gets no reminder: its confirmation, just sent, says
    // the same (issue 15: a reminder at once, sometimes before the confirmation, was a surprise).
    if (resource.reminderMinutesBefore <= 0 || remindAt <= now) return [];
    const reminder = { template: "booking-reminder" as const, data: { booking: details }, sendAfter: remindAt };
    return phone
      ? [
          { ...email, ...reminder },
          { ...sms(phone), ...reminder },
        ]
      : [{ ...email, ...reminder }];
  };

  switch (notice.kind) {
    case "confirmed": {
      const paid = payment?.status === "paid" ? money : null;
      const confirmation = {
        template: "booking-confirmed" as const,
        data: { booking: details, paid, publicUrl: outbox.publicUrl },
      };
      const messages: NotificationRequest[] = [{ ...email, ...confirmation }];
      if (phone) messages.push({ ...sms(phone), ...confirmation });
      messages.push(...reminders());
      await enqueueNotifications(transaction, outbox, messages);
      return;
    }
    case "rescheduled": {
      // One "moved" message (email, and SMS when opted in), and the reminders planned again for the new time:
      // the old time's reminders are skipped at once (the log says why), so none arrives for the wrong time.
      await skipQueuedReminders(transaction, bookingId, "The booking was moved to another time", now);
      const moved = {
        template: "booking-rescheduled" as const,
        data: {
          booking: details,
          previous: { start: notice.previous.start.toISOString(), end: notice.previous.end.toISOString() },
          publicUrl: outbox.publicUrl,
        },
      };
      const messages: NotificationRequest[] = [{ ...email, ...moved }];
      if (phone) messages.push({ ...sms(phone), ...moved });
      // A held booking gets its reminders with its confirmation, once it is paid.
      if (booking.status === "confirmed") messages.push(...reminders());
      await enqueueNotifications(transaction, outbox, messages);
      return;
    }
    case "held":
      await enqueueNotification(transaction, outbox, {
        ...email,
        template: "booking-held",
        data: {
          booking: details,
          checkoutUrl: notice.checkoutUrl,
          holdExpiresAt: (booking.holdExpiresAt ?? now).toISOString(),
          price: money,
        },
      });
      return;
    case "cancelled": {
      // Reminders of a cancelled booking will not be sent; the log says so at once.
      await skipQueuedReminders(transaction, bookingId, "The booking was cancelled", now);
      const refund =
        payment?.refundStatus && payment.refundAmount !== null
          ? { amount: { amount: payment.refundAmount, currency: payment.currency }, status: payment.refundStatus }
          : null;
      await enqueueNotification(transaction, outbox, {
        ...email,
        template: "booking-cancelled",
        data: {
          booking: details,
          cancelledBy: notice.cancelledBy,
          reason: notice.reason,
          refund,
          paid: payment?.status === "paid",
        },
      });
      return;
    }
    case "waitlist-offer": {
      // A seat held for someone from the waitlist (issue 15): the link is the booking page, where they accept or pay.
      const offer = {
        template: "waitlist-offer" as const,
        data: { booking: details, offerExpiresAt: (booking.holdExpiresAt ?? now).toISOString(), price: payment ? money : null },
      };
      const messages: NotificationRequest[] = [{ ...email, ...offer }];
      if (phone) messages.push({ ...sms(phone), ...offer });
      await enqueueNotifications(transaction, outbox, messages);
      return;
    }
    case "refunded":
      if (!payment?.refundReason) return;
      await enqueueNotification(transaction, outbox, {
        ...email,
        template: "payment-refunded",
        data: {
          booking: details,
          refund: { amount: payment.refundAmount ?? payment.amount, currency: payment.currency },
          reason: payment.refundReason,
        },
      });
      return;
  }
}

/**
 * Marks a booking's reminders that have not gone out yet as skipped, with the reason the delivery log shows. One
 * waiting for a retry is skipped too: it carries the time it was written for, which a move makes wrong.
 */
async function skipQueuedReminders(transaction: DatabaseExecutor, bookingId: string, reason: string, now: Date): Promise<void> {
  await transaction
    .update(notifications)
    .set({ status: "skipped", lastError: reason, updatedAt: now })
    .where(
      and(
        eq(notifications.bookingId, bookingId),
        eq(notifications.template, "booking-reminder"),
        inArray(notifications.status, ["queued", "retrying"]),
      ),
    );
}
