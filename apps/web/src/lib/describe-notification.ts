import type { NotificationOutput } from "@bookable/validators";

const templateLabels: Record<string, string> = {
  "verify-email": "Email address confirmation",
  "reset-password": "Password reset",
  "booking-held": "Booking held",
  "booking-confirmed": "Booking confirmed",
  "booking-cancelled": "Booking cancelled",
  "booking-reminder": "Booking reminder",
  "booking-rescheduled": "Booking moved",
  "payment-refunded": "Payment refunded",
};

/**
 * What a message is about, in words: "Booking reminder" for `booking-reminder`. A template this page does
 * not know yet (the server sends a new kind) still reads as words: "Waitlist offer" for `waitlist-offer`.
 */
export function describeNotificationTemplate(template: string): string {
  const known = templateLabels[template];
  if (known) return known;
  const words = template.replaceAll(/[-_]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : template;
}

const channelLabels: Record<NotificationOutput["channel"], string> = { email: "Email", sms: "SMS" };

/** "Email" or "SMS". */
export function describeNotificationChannel(channel: NotificationOutput["channel"]): string {
  return channelLabels[channel];
}

/** Whether a message may still change by itself: a worker has yet to send it, is sending it, or will try again. */
export function isNotificationInFlight(notification: Pick<NotificationOutput, "status">): boolean {
  return notification.status === "queued" || notification.status === "sending" || notification.status === "retrying";
}
