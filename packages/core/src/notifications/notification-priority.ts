import type { EmailTemplateName } from "@bookable/integrations";

/**
 * How soon a message must go, as pg-boss job priorities (a higher one is fetched first; decision 023):
 * what a person waits for on the screen (a confirmation, a pay link, a verification or reset link) before
 * news that can wait a few seconds (a cancellation, a refund), before reminders and other bulk mail.
 */
export const NOTIFICATION_PRIORITIES = { urgent: 20, normal: 10, bulk: 0 } as const;

export type NotificationPriorityName = keyof typeof NOTIFICATION_PRIORITIES;

const PRIORITY_OF_TEMPLATE: Record<EmailTemplateName, NotificationPriorityName> = {
  "verify-email": "urgent",
  "reset-password": "urgent",
  "booking-confirmed": "urgent",
  "booking-held": "urgent",
  // An offer runs out in WAITLIST_OFFER_MINUTES: every minute in the queue is a minute less to take it.
  "waitlist-offer": "urgent",
  "booking-cancelled": "normal",
  "booking-rescheduled": "normal",
  "payment-refunded": "normal",
  "webhook-endpoint-disabled": "normal",
  "booking-reminder": "bulk",
};

/** The priority name of a template's messages; an unknown template counts as normal. */
export function notificationPriorityName(template: string): NotificationPriorityName {
  return PRIORITY_OF_TEMPLATE[template as EmailTemplateName] ?? "normal";
}

/** The pg-boss job priority of a template's messages. */
export function notificationPriority(template: string): number {
  return NOTIFICATION_PRIORITIES[notificationPriorityName(template)];
}

/** The priority name of a pg-boss job priority (the nearest level at or below it). */
export function priorityNameOf(priority: number): NotificationPriorityName {
  if (priority >= NOTIFICATION_PRIORITIES.urgent) return "urgent";
  if (priority >= NOTIFICATION_PRIORITIES.normal) return "normal";
  return "bulk";
}
