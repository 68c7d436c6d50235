/**
 * The values of every enum both the database and the API know, written once (issue 14): the db schema's
 * pgEnums and the validators' z.enum take them from here. Plain tuples without Zod, exported as
 * `@bookable/validators/enum-values`, so the db package imports them without loading the contracts.
 * Adding a value here also needs a migration (`ALTER TYPE ... ADD VALUE`): drizzle-kit generates it.
 */
export const userRoleValues = ["member", "admin"] as const;
export const sessionKindValues = ["browser", "token"] as const;
export const resourceStatusValues = ["active", "archived"] as const;
export const bookingStatusValues = ["held", "confirmed", "cancelled", "expired"] as const;
/** A waitlist entry: waiting in line, offered a held seat, and how that ended (issue 15). */
export const waitlistStatusValues = ["waiting", "offered", "accepted", "lapsed", "left"] as const;
export const paymentModeValues = ["stripe", "local"] as const;
export const paymentStatusValues = ["awaiting_payment", "paid", "unpaid"] as const;
export const refundStatusValues = ["pending", "succeeded", "failed"] as const;
export const refundReasonValues = [
  "cancelled_in_free_window",
  "cancelled_by_admin",
  "late_payment_slot_taken",
  "paid_after_cancellation",
  "refunded_at_provider",
] as const;
export const notificationChannelValues = ["email", "sms"] as const;
export const notificationStatusValues = [
  "queued",
  "sending",
  "retrying",
  "sent",
  "skipped",
  "dead",
  "delivered",
  "bounced",
  "complained",
  "failed",
] as const;
/** Events an outgoing webhook endpoint can subscribe to (issue 16), named as Standard Webhooks suggests. */
export const webhookEventTypeValues = [
  "booking.created",
  "booking.confirmed",
  "booking.cancelled",
  "booking.rescheduled",
  "booking.expired",
  "payment.succeeded",
  "payment.refunded",
  "waitlist.offered",
] as const;
/** Whose bookings an endpoint hears about: an admin's hears every booking, a member's only their own. */
export const webhookEndpointScopeValues = ["all", "own"] as const;
/** One event to one endpoint: waiting (first try or a retry), delivered, or given up after its retries. */
export const webhookDeliveryStatusValues = ["pending", "delivered", "failed"] as const;
/** What a calendar feed token opens (issue 16): the holder's own bookings, or, for an admin, each resource's. */
export const calendarFeedScopeValues = ["personal", "admin"] as const;
