import type { EmailMessage } from "@bookable/integrations";
import { DateTime } from "luxon";
import { findBookingRecord } from "../bookings/find-booking.js";
import { escapeHtml } from "../email/escape-html.js";
import type { PaymentDependencies } from "./payment-dependencies.js";

/**
 * Tells the booker why money they paid is going back when they did not ask for it: the payment came after
 * the hold ended and the slot was taken, or after the booking was cancelled. A failed email is logged and
 * does not undo the refund. (The notifications work moves this onto the durable queue.)
 */
export async function notifyUnrequestedRefund(deps: PaymentDependencies, bookingId: string): Promise<void> {
  const record = await findBookingRecord(deps.db, bookingId);
  if (!record?.payment?.refundReason) return;
  try {
    await deps.email.send(refundEmail(record, deps.publicUrl));
  } catch (error) {
    deps.log.error({ err: error, bookingId }, "the refund email could not be sent");
  }
}

function refundEmail(record: NonNullable<Awaited<ReturnType<typeof findBookingRecord>>>, publicUrl: string): EmailMessage {
  const { booking, resource, payment } = record;
  const when = DateTime.fromJSDate(booking.startAt, { zone: resource.timeZone }).toFormat("cccc d LLLL yyyy, HH:mm");
  const amount = new Intl.NumberFormat("en", { style: "currency", currency: booking.currency }).format(
    (payment?.refundAmount ?? booking.priceAmount) / 100,
  );
  const why =
    payment?.refundReason === "paid_after_cancellation"
      ? "the booking had already been cancelled when your payment arrived"
      : "your payment arrived after the time to pay had run out, and meanwhile someone else booked the slot";
  const link = `${publicUrl}/bookings/${booking.id}`;
  const text = `Hello ${booking.attendeeName},\n\nWe could not confirm your booking of ${resource.name} on ${when} (${resource.timeZone}): ${why}.\n\nYour payment of ${amount} is being refunded in full. Refunds usually reach your account within 5–10 business days.\n\nBooking details: ${link}`;
  return {
    to: booking.attendeeEmail,
    template: "payment-refunded",
    subject: `Refund: your booking of ${resource.name} could not be confirmed`,
    text,
    html: text
      .split("\n\n")
      .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
      .join(""),
  };
}
