import type { WebhookEventType } from "@bookable/validators";

const labels: Record<WebhookEventType, string> = {
  "booking.created": "Booking created",
  "booking.confirmed": "Booking confirmed",
  "booking.cancelled": "Booking cancelled",
  "booking.rescheduled": "Booking moved",
  "booking.expired": "Hold expired",
  "payment.succeeded": "Payment received",
  "payment.refunded": "Payment refunded",
  "waitlist.offered": "Waitlist seat offered",
};

/** A person's words for an event type; the type itself (what a receiver sees) stays beside it in the UI. */
export function describeWebhookEvent(type: string): string {
  if (type === "webhook.test") return "Test event";
  return type in labels ? labels[type as WebhookEventType] : type;
}
