import {
  bookingStatusValues,
  calendarFeedScopeValues,
  notificationChannelValues,
  notificationStatusValues,
  paymentModeValues,
  paymentStatusValues,
  refundReasonValues,
  refundStatusValues,
  resourceStatusValues,
  sessionKindValues,
  userRoleValues,
  waitlistStatusValues,
  webhookDeliveryStatusValues,
  webhookEndpointScopeValues,
} from "@bookable/validators/enum-values";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", userRoleValues);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    username: text("username").notNull(),
    email: text("email").notNull(),
    // Null for accounts that only ever sign in through an OAuth provider.
    passwordHash: text("password_hash"),
    role: userRole("role").notNull().default("member"),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (table) => [
    // Uniqueness ignores case, so "Ada" and "ada" cannot both register; the names are what
    // registration reports back to the user as the conflicting field.
    uniqueIndex("users_username_lower_key").on(sql`lower(${table.username})`),
    uniqueIndex("users_email_lower_key").on(sql`lower(${table.email})`),
  ],
);

export type UserRow = typeof users.$inferSelect;

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const userReference = () =>
  uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });

export const sessionKind = pgEnum("session_kind", sessionKindValues);

/**
 * A signed-in device: a browser (cookie) or a REST client (a refresh-token family whose access tokens
 * carry the session id). Revoking the row ends both kinds at once. Browser tokens are stored only as
 * their SHA-256 hash, following Lucia's guide.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: userReference(),
    kind: sessionKind("kind").notNull(),
    tokenHash: text("token_hash").unique(),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);

/** Opaque refresh tokens, rotated on use; a used one presented again revokes its whole session. */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("refresh_tokens_session_id_idx").on(table.sessionId)],
);

/** Personal API keys: shown once, stored hashed, usable as a bearer token until revoked. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: userReference(),
    name: text("name").notNull(),
    /** The first characters of the key, so a person can tell keys apart. */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("api_keys_user_id_idx").on(table.userId)],
);

export const oneTimeTokenPurpose = pgEnum("one_time_token_purpose", ["verify_email", "reset_password"]);

/** Single-use tokens sent by email (verification, password reset), stored hashed. */
export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: userReference(),
    purpose: oneTimeTokenPurpose("purpose").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("one_time_tokens_user_id_idx").on(table.userId)],
);

/** Links between an account and an identity at an OAuth / OpenID Connect provider. */
export const oauthAccounts = pgTable(
  "oauth_accounts",
  {
    provider: text("provider").notNull(),
    providerUserId: text("provider_user_id").notNull(),
    userId: userReference(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.provider, table.providerUserId] }),
    index("oauth_accounts_user_id_idx").on(table.userId),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

/** Opening hours in the resource's zone; validated by the shared Zod contract before they are stored. */
export interface StoredWeeklyHours {
  weekday: number;
  start: string;
  end: string;
}

export const resourceStatus = pgEnum("resource_status", resourceStatusValues);

export const resources = pgTable(
  "resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    location: text("location").notNull().default(""),
    timeZone: text("time_zone").notNull(),
    slotMinutes: integer("slot_minutes").notNull(),
    bufferBeforeMinutes: integer("buffer_before_minutes").notNull().default(0),
    bufferAfterMinutes: integer("buffer_after_minutes").notNull().default(0),
    minNoticeMinutes: integer("min_notice_minutes").notNull().default(0),
    horizonDays: integer("horizon_days").notNull().default(60),
    capacity: integer("capacity").notNull().default(1),
    /** Minor units (cents); 0 means free. */
    priceAmount: integer("price_amount").notNull().default(0),
    currency: text("currency").notNull().default("EUR"),
    freeCancellationHours: integer("free_cancellation_hours").notNull().default(24),
    /** Minutes before the start that the reminder is sent; 0 sends none. */
    reminderMinutesBefore: integer("reminder_minutes_before").notNull().default(1440),
    weeklyHours: jsonb("weekly_hours").$type<StoredWeeklyHours[]>().notNull().default([]),
    status: resourceStatus("status").notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (table) => [
    check("resources_capacity_positive", sql`${table.capacity} >= 1`),
    check("resources_slot_minutes_positive", sql`${table.slotMinutes} >= 5`),
    check("resources_price_not_negative", sql`${table.priceAmount} >= 0`),
  ],
);

/** A local date that is closed or has other hours than the weekly ones. */
export const resourceDateOverrides = pgTable(
  "resource_date_overrides",
  {
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id, { onDelete: "cascade" }),
    date: date("date", { mode: "string" }).notNull(),
    closed: boolean("closed").notNull(),
    hours: jsonb("hours").$type<{ start: string; end: string }[]>().notNull().default([]),
  },
  (table) => [primaryKey({ columns: [table.resourceId, table.date] })],
);

/**
 * A number per resource that grows whenever its availability answers can change (its bookings and their
 * seats, the resource itself, its date overrides). Kept by triggers (migration 0006), so no write path can
 * forget it; caches of availability answers compare it to serve only what is still true (issue 12).
 */
export const availabilityVersions = pgTable("availability_versions", {
  resourceId: uuid("resource_id")
    .primaryKey()
    .references(() => resources.id, { onDelete: "cascade" }),
  version: bigint("version", { mode: "bigint" }).notNull().default(sql`1`),
  /**
   * Grows only when the resource row or its date overrides change (not on bookings): the booking path keeps
   * resources and overrides in memory per this number (migration 0008).
   */
  definitionVersion: bigint("definition_version", { mode: "bigint" }).notNull().default(sql`1`),
});

export const bookingStatus = pgEnum("booking_status", bookingStatusValues);

export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id),
    userId: userReference(),
    status: bookingStatus("status").notNull(),
    startAt: timestamp("start_at", { withTimezone: true, mode: "date" }).notNull(),
    endAt: timestamp("end_at", { withTimezone: true, mode: "date" }).notNull(),
    seats: integer("seats").notNull().default(1),
    attendeeName: text("attendee_name").notNull(),
    attendeeEmail: text("attendee_email").notNull(),
    attendeePhone: text("attendee_phone"),
    /** The booker's IANA zone (from the browser), so messages show the time on their clock too. */
    attendeeTimeZone: text("attendee_time_zone"),
    /** The booker's clock style (the web app's 12/24-hour toggle), so messages show times as the UI does. */
    attendeeHourCycle: text("attendee_hour_cycle", { enum: ["h12", "h23"] })
      .notNull()
      .default("h23"),
    /** The attendee agreed to SMS confirmation and reminder (needs a phone number). */
    smsOptIn: boolean("sms_opt_in").notNull().default(false),
    notes: text("notes").notNull().default(""),
    /** Price snapshot at booking time, so later price changes do not alter it. */
    priceAmount: integer("price_amount").notNull(),
    currency: text("currency").notNull(),
    holdExpiresAt: timestamp("hold_expires_at", { withTimezone: true, mode: "date" }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true, mode: "date" }),
    /**
     * The iCalendar SEQUENCE of the booking's event (RFC 5545 §3.8.7.4): bumped on each reschedule and on
     * cancellation, so calendar apps update the event they have (same UID) instead of adding another.
     */
    sequence: integer("sequence").notNull().default(0),
    /** Why it was cancelled, as the canceller wrote it (issue 15); null when no reason was given. */
    cancellationReason: text("cancellation_reason"),
    createdAt: createdAt(),
  },
  (table) => [
    index("bookings_user_start_idx").on(table.userId, table.startAt),
    index("bookings_resource_start_idx").on(table.resourceId, table.startAt),
    index("bookings_held_expiry_idx").on(table.holdExpiresAt).where(sql`${table.status} = 'held'`),
    check("bookings_seats_positive", sql`${table.seats} >= 1`),
    check("bookings_end_after_start", sql`${table.endAt} > ${table.startAt}`),
  ],
);

const timestampRange = customType<{ data: string; driverData: string }>({ dataType: () => "tstzrange" });

/**
 * One row per seat a booking holds, for as long as it holds it (held or confirmed). The exclusion
 * constraint `booking_seats_no_overlap` (migration 0002) makes PostgreSQL refuse two rows of one seat of
 * one resource whose occupied ranges (buffers included) overlap: double booking is impossible on every
 * write path. Cancelling or expiring a booking deletes its rows.
 */
export const bookingSeats = pgTable(
  "booking_seats",
  {
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id),
    seatNumber: integer("seat_number").notNull(),
    occupied: timestampRange("occupied").notNull(),
  },
  (table) => [primaryKey({ columns: [table.bookingId, table.seatNumber] })],
);

export const waitlistStatus = pgEnum("waitlist_status", waitlistStatusValues);

/**
 * People waiting for a seat of a full slot (issue 15, decision 031). Their order is (created_at, id). When a
 * seat frees up, the first `waiting` entry is `offered`: a `held` booking is made for them (`booking_id`) that
 * holds the seat until `offer_expires_at`, through the same seat rows and expiry as a payment hold. The entry
 * then ends `accepted` (the booking confirmed), `lapsed` (the hold ran out or was declined) or `left`.
 */
export const waitlistEntries = pgTable(
  "waitlist_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id),
    startAt: timestamp("start_at", { withTimezone: true, mode: "date" }).notNull(),
    endAt: timestamp("end_at", { withTimezone: true, mode: "date" }).notNull(),
    userId: userReference(),
    status: waitlistStatus("status").notNull().default("waiting"),
    attendeeName: text("attendee_name").notNull(),
    attendeeEmail: text("attendee_email").notNull(),
    attendeePhone: text("attendee_phone"),
    attendeeTimeZone: text("attendee_time_zone"),
    smsOptIn: boolean("sms_opt_in").notNull().default(false),
    /** The held booking of the offer; set once the entry is offered. */
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "set null" }),
    offerExpiresAt: timestamp("offer_expires_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    // One place in line per person per slot: joining twice answers WAITLIST_ALREADY_JOINED.
    uniqueIndex("waitlist_entries_one_waiting_idx")
      .on(table.resourceId, table.startAt, table.userId)
      .where(sql`${table.status} in ('waiting', 'offered')`),
    index("waitlist_entries_line_idx").on(table.resourceId, table.startAt, table.createdAt, table.id),
    index("waitlist_entries_user_idx").on(table.userId, table.startAt),
    index("waitlist_entries_booking_idx").on(table.bookingId),
    check("waitlist_entries_end_after_start", sql`${table.endAt} > ${table.startAt}`),
  ],
);

export const calendarFeedScope = pgEnum("calendar_feed_scope", calendarFeedScopeValues);

/**
 * Calendar feed tokens (issue 16): at most one per user and scope. The token is an HMAC of the row's id under a
 * key from configuration (never stored), so the app can show its URL again while the database alone holds
 * nothing a calendar app would accept (decision 018); `token_hash` (SHA-256) finds the row from a URL.
 * Regenerating gives the row a new id (a new token), revoking deletes it.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid("id").primaryKey(),
    userId: userReference(),
    scope: calendarFeedScope("scope").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("calendar_feeds_user_scope_key").on(table.userId, table.scope)],
);

/** Idempotency-Key records: the first response to a key is replayed for 24 hours. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: userReference(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still running. */
    responseBody: jsonb("response_body"),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] })],
);

export const paymentMode = pgEnum("payment_mode", paymentModeValues);
export const paymentStatus = pgEnum("payment_status", paymentStatusValues);
export const refundStatus = pgEnum("refund_status", refundStatusValues);
export const refundReason = pgEnum("refund_reason", refundReasonValues);

/**
 * The payment of one priced booking: its checkout session at the provider, whether it was paid, and its
 * refund. A refund is written here as `pending` in the same transaction as the change that causes it, and
 * sent to the provider afterwards (with an idempotency key, retried by the payments sweep until the
 * provider answers), so no refund decided is ever lost.
 */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bookingId: uuid("booking_id")
      .notNull()
      .unique()
      .references(() => bookings.id, { onDelete: "cascade" }),
    mode: paymentMode("mode").notNull(),
    status: paymentStatus("status").notNull().default("awaiting_payment"),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    /** Null only between the booking's commit and the provider's answer. */
    checkoutSessionId: text("checkout_session_id").unique(),
    checkoutUrl: text("checkout_url"),
    checkoutExpiresAt: timestamp("checkout_expires_at", { withTimezone: true, mode: "date" }).notNull(),
    /** When the checkout was known to be payable no more (completed, or expired at the provider). */
    checkoutClosedAt: timestamp("checkout_closed_at", { withTimezone: true, mode: "date" }),
    /** The provider's payment (Stripe PaymentIntent id), which refunds refer to. */
    providerPaymentId: text("provider_payment_id"),
    paidAt: timestamp("paid_at", { withTimezone: true, mode: "date" }),
    refundStatus: refundStatus("refund_status"),
    refundAmount: integer("refund_amount"),
    refundReason: refundReason("refund_reason"),
    refundRequestedAt: timestamp("refund_requested_at", { withTimezone: true, mode: "date" }),
    refundCompletedAt: timestamp("refund_completed_at", { withTimezone: true, mode: "date" }),
    providerRefundId: text("provider_refund_id"),
    refundAttempts: integer("refund_attempts").notNull().default(0),
    refundLastError: text("refund_last_error"),
    createdAt: createdAt(),
  },
  (table) => [
    index("payments_open_checkout_idx").on(table.checkoutExpiresAt).where(sql`${table.checkoutClosedAt} is null`),
    index("payments_pending_refund_idx").on(table.refundRequestedAt).where(sql`${table.refundStatus} = 'pending'`),
    index("payments_provider_payment_idx").on(table.providerPaymentId),
    check("payments_amount_positive", sql`${table.amount} > 0`),
  ],
);

/** Provider events (Stripe webhook deliveries) already processed, by event id: a replay changes nothing. */
export const paymentEvents = pgTable("payment_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  objectId: text("object_id"),
  receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const notificationChannel = pgEnum("notification_channel", notificationChannelValues);
// `delivered`, `bounced`, `complained` and `failed` are the provider's word on a sent message (issue 13).
export const notificationStatus = pgEnum("notification_status", notificationStatusValues);

/**
 * The delivery log: one row per message Bookable means to send, written in the transaction of the change
 * that causes it (with its job on the queue), so a rolled-back change sends nothing and a committed one is
 * always delivered or ends `dead` for an admin to retry. `data` is what the template is rendered from.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channel: notificationChannel("channel").notNull(),
    template: text("template").notNull(),
    recipient: text("recipient").notNull(),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** The template's data, less its secrets; emptied once the message is sent or skipped (issue 11). */
    data: jsonb("data").notNull(),
    /** One-time links and the like, sealed with AES-256-GCM until delivery; null once the message is final. */
    sealedSecrets: text("sealed_secrets"),
    status: notificationStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    providerMessageId: text("provider_message_id"),
    /**
     * SMS only: a fresh token per attempt, written before Twilio is called and sent back in its StatusCallback
     * URL, so an attempt cut short by a crash can be matched to what Twilio did (issue 13: no SMS twice).
     */
    providerAttemptToken: text("provider_attempt_token"),
    providerAttemptAt: timestamp("provider_attempt_at", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    sendAfter: timestamp("send_after", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    index("notifications_created_idx").on(table.createdAt, table.id),
    index("notifications_booking_idx").on(table.bookingId),
    index("notifications_user_idx").on(table.userId),
    index("notifications_status_idx").on(table.status),
    index("notifications_provider_message_idx").on(table.providerMessageId),
  ],
);

/**
 * Email addresses the provider reported as hard-bounced or complained about, by normalized (trimmed, lower
 * case) address: non-security email to them is skipped until the user clears the mark (issue 13).
 */
export const undeliverableAddresses = pgTable("undeliverable_addresses", {
  address: text("address").primaryKey(),
  reason: text("reason").notNull(),
  /** The delivery log row whose provider event marked it. */
  notificationId: uuid("notification_id"),
  markedAt: timestamp("marked_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type ResourceRow = typeof resources.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type WaitlistEntryRow = typeof waitlistEntries.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

export const webhookEndpointScope = pgEnum("webhook_endpoint_scope", webhookEndpointScopeValues);

/**
 * Outgoing webhook endpoints (issue 16, Standard Webhooks). The signing secret (`whsec_...`) must be read
 * back to sign every delivery, so it is sealed with the server's secret box rather than hashed (decision 018:
 * a database dump alone cannot forge deliveries). After a rotation the previous secret keeps signing for 24
 * hours beside the new one, so receivers can switch without losing events.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Who registered it; a member's endpoint hears only their own bookings. */
    ownerId: userReference(),
    scope: webhookEndpointScope("scope").notNull(),
    url: text("url").notNull(),
    description: text("description"),
    eventTypes: text("event_types").array().notNull(),
    sealedSecret: text("sealed_secret").notNull(),
    sealedPreviousSecret: text("sealed_previous_secret"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true, mode: "date" }),
    /** Set by its owner (pause) or by the worker after five days of failures; no deliveries while set. */
    disabledAt: timestamp("disabled_at", { withTimezone: true, mode: "date" }),
    disabledReason: text("disabled_reason"),
    /** Start of the current unbroken run of failed attempts; cleared by any success. */
    failingSince: timestamp("failing_since", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [index("webhook_endpoints_owner_idx").on(table.ownerId), index("webhook_endpoints_scope_idx").on(table.scope)],
);

export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", webhookDeliveryStatusValues);

/**
 * One event for one endpoint: the outbox row written in the transaction of the change (with its pg-boss
 * job), and its delivery log. Its id is the Standard Webhooks `webhook-id`, the same on every retry, so a
 * receiver can drop a repeat. `payload` is the exact JSON body that is signed and sent.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    /** Events about one booking reach an endpoint in the order they happened. */
    bookingId: uuid("booking_id"),
    payload: jsonb("payload").notNull(),
    status: webhookDeliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, mode: "date" }),
    /** The receiver's HTTP status on the last attempt; null when it never answered (timeout, refused). */
    lastResponseStatus: integer("last_response_status"),
    lastResponseMs: integer("last_response_ms"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (table) => [
    index("webhook_deliveries_endpoint_idx").on(table.endpointId, table.createdAt),
    index("webhook_deliveries_booking_idx").on(table.endpointId, table.bookingId, table.createdAt),
    index("webhook_deliveries_pending_idx").on(table.status, table.nextAttemptAt),
  ],
);
export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;
