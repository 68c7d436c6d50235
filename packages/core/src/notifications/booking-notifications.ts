import { type DatabaseExecutor, notifications } from "@bookable/db";
import type { BookingEmailDetails } from "@bookable/integrations";
import { and, eq } from "drizzle-orm";
import { type BookingRecord, findBookingRecord } from "../booking-store/find-booking.js";
import { enqueueNotification, enqueueNotifications, type NotificationRequest } from "./enqueue-notification.js";
import type { NotificationOutbox } from "./notification-outbox.js";

const MINUTE = 60_000;

export type BookingNotice =
  | { kind: "confirmed" }
  | { kind: "held"; checkoutUrl: string }
  | { kind: "cancelled"; cancelledBy: "booker" | "admin" }
  | { kind: "refunded" }
  | { kind: "waitlist-offer" };

/**
 * Enqueues the messages a booking's change causes, in the transaction of that change: confirmed (email,
 * SMS if the attendee opted in, and the reminders), held awaiting payment, cancelled (with the refund
 * state), refunded without being asked (a late payment). Reads the booking as the transaction sees it, unless
 * the caller passes the record it has just written (no re-read of a row it holds).
 */
export async function notifyBooking(
  transaction: DatabaseExecutor,
  outbox: NotificationOutbox | null,
  bookingOrId: string | BookingRecord,
  notice: BookingNotice,
  now = new Date(),
): Promise<void> {
  if (!outbox) return;
  const row = typeof bookingOrId === "string" ? await findBookingRecord(transaction, bookingOrId) : bookingOrId;
  if (!row) return;
  const { booking, resource, payment } = row;
  const bookingId = booking.id;
  const details: BookingEmailDetails = {
    attendeeName: booking.attendeeName,
    resourceName: resource.name,
    start: booking.startAt.toISOString(),
    end: booking.endAt.toISOString(),
    resourceTimeZone: resource.timeZone,
    attendeeTimeZone: booking.attendeeTimeZone,
    seats: booking.seats,
    bookingUrl: `${outbox.publicUrl}/bookings/${booking.id}`,
  };
  const email = { channel: "email" as const, recipient: booking.attendeeEmail, bookingId, userId: booking.userId };
  const phone = booking.smsOptIn && booking.attendeePhone ? booking.attendeePhone : null;
  const sms = (recipient: string) => ({ channel: "sms" as const, recipient, bookingId, userId: booking.userId });
  const money = { amount: booking.priceAmount, currency: booking.currency };

  switch (notice.kind) {
    case "confirmed": {
      const paid = payment?.status === "paid" ? money : null;
      const confirmation = { template: "booking-confirmed" as const, data: { booking: details, paid } };
      const messages: NotificationRequest[] = [{ ...email, ...confirmation }];
      if (phone) messages.push({ ...sms(phone), ...confirmation });
      if (resource.reminderMinutesBefore > 0 && booking.startAt > now) {
        // A reminder whose time has already come (a booking made at short notice) is sent at once.
        const sendAfter = new Date(Math.max(now.getTime(), booking.startAt.getTime() - resource.reminderMinutesBefore * MINUTE));
        const reminder = { template: "booking-reminder" as const, data: { booking: details }, sendAfter };
        messages.push({ ...email, ...reminder });
        if (phone) messages.push({ ...sms(phone), ...reminder });
      }
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
      await transaction
        .update(notifications)
        .set({ status: "skipped", lastError: "The booking was cancelled", updatedAt: now })
        .where(
          and(
            eq(notifications.bookingId, bookingId),
            eq(notifications.template, "booking-reminder"),
            eq(notifications.status, "queued"),
          ),
        );
      const refund =
        payment?.refundStatus && payment.refundAmount !== null
          ? { amount: { amount: payment.refundAmount, currency: payment.currency }, status: payment.refundStatus }
          : null;
      await enqueueNotification(transaction, outbox, {
        ...email,
        template: "booking-cancelled",
        data: { booking: details, cancelledBy: notice.cancelledBy, refund, paid: payment?.status === "paid" },
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
