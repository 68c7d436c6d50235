import { z } from "zod";
import { bookingStatusValues } from "./enum-values.js";
import { jsonBoolean } from "./json-boolean.js";
import { pageCursor } from "./page-cursor.js";
import { paymentOutput } from "./payments.js";
import { plainText } from "./plain-text.js";
import { isIanaZone } from "./resources.js";

export const bookingStatus = z.enum(bookingStatusValues).meta({
  id: "BookingStatus",
  description: "`held` while payment is awaited (until `holdExpiresAt`), then `confirmed`; or `cancelled` / `expired`.",
});

/** `h12`: "9:00 AM"; `h23`: "09:00". */
export const attendeeHourCycle = z.enum(["h12", "h23"], { error: "Use h12 or h23" }).meta({ id: "HourCycle" });
export type AttendeeHourCycle = z.infer<typeof attendeeHourCycle>;

export const createBookingInput = z
  .object({
    resourceId: z.uuid({ error: "Not a resource id" }),
    start: z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time, e.g. 2026-12-01T09:00:00Z" }).meta({
      description: "Start of one of the resource's available slots.",
      example: "2026-12-01T09:00:00Z",
    }),
    seats: z.int().min(1, { error: "Book at least one seat" }).max(1000).default(1).meta({ example: 1 }),
    attendee: z
      .object({
        name: plainText({ error: "Name is required" })
          .min(1, { error: "Name is required" })
          .max(120)
          .meta({ example: "Ada Lovelace" }),
        email: z
          .string({ error: "Email is required" })
          .trim()
          .toLowerCase()
          .check(z.email({ error: "Enter a valid email address" }))
          .meta({ example: "ada@example.com" }),
        phone: z
          .string()
          .trim()
          .regex(/^\+[1-9]\d{6,14}$/, { error: "Use international format, e.g. +4915112345678" })
          .optional()
          .meta({ description: "E.164, for SMS reminders.", example: "+4915112345678" }),
        smsOptIn: jsonBoolean()
          .optional()
          .meta({ description: "Send the confirmation and the reminder by SMS too (needs `phone`).", example: true }),
        timeZone: plainText()
          .refine((zone) => isIanaZone(zone), { error: "Use an IANA time zone such as Europe/Berlin" })
          .optional()
          .meta({ description: "The attendee's IANA zone; messages show the time in it as well.", example: "America/New_York" }),
      })
      .refine((attendee) => attendee.smsOptIn !== true || attendee.phone !== undefined, {
        error: "Give a phone number to get SMS",
        path: ["phone"],
      }),
    notes: plainText({ multiline: true }).max(2000).optional().meta({ example: "Projector, please." }),
    attendeeHourCycle: attendeeHourCycle.optional().meta({
      description: "How the attendee reads clock times (the web app's 12/24-hour toggle); messages use it. Default `h23`.",
      example: "h12",
    }),
  })
  .meta({ id: "CreateBookingInput" });
export type CreateBookingInput = z.input<typeof createBookingInput>;

export const bookingOutput = z
  .object({
    id: z.uuid(),
    status: bookingStatus,
    resourceId: z.uuid(),
    resourceName: z.string(),
    timeZone: z.string().meta({ description: "The resource's zone." }),
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    seats: z.int(),
    attendee: z.object({
      name: z.string(),
      email: z.string(),
      phone: z.string().nullable(),
      smsOptIn: z.boolean(),
      timeZone: z.string().nullable(),
    }),
    notes: z.string(),
    price: z.object({ amount: z.int(), currency: z.string() }),
    holdExpiresAt: z.iso.datetime().nullable(),
    checkoutUrl: z.url().nullable().meta({
      description: "Where the booker pays, while the booking is `held` and its checkout is open; null otherwise.",
    }),
    payment: paymentOutput.nullable().meta({ description: "Null for a free booking." }),
    freeCancellationUntil: z.iso.datetime().nullable().meta({
      description:
        "Cancelling a paid booking before this time refunds it in full; after it, nothing is refunded. Null for a free booking.",
    }),
    cancelledAt: z.iso.datetime().nullable(),
    sequence: z.int().meta({
      description: "Grows each time the booking is moved or cancelled: the SEQUENCE of its calendar event (RFC 5545).",
      example: 0,
    }),
    cancellationReason: z.string().nullable().meta({
      description: "Why it was cancelled, as the canceller wrote it; null when not cancelled or no reason was given.",
    }),
    createdAt: z.iso.datetime(),
    userId: z.uuid(),
  })
  .meta({ id: "Booking" });
export type BookingOutput = z.infer<typeof bookingOutput>;

export const bookingIdInput = z.object({ id: z.uuid({ error: "Not a booking id" }) });

/** The longest cancellation reason kept (issue 15): a few sentences, not a letter. */
export const CANCELLATION_REASON_MAX_LENGTH = 500;

export const cancelBookingInput = z
  .object({
    id: z.uuid({ error: "Not a booking id" }),
    refund: jsonBoolean().optional().meta({
      description:
        "Admins only. `true` refunds a paid booking in full whatever the policy, `false` refunds nothing. Omitted, the free-cancellation policy decides: a full refund before `freeCancellationUntil`, none after.",
    }),
    reason: plainText({ multiline: true })
      .max(CANCELLATION_REASON_MAX_LENGTH, { error: `Use at most ${CANCELLATION_REASON_MAX_LENGTH} characters` })
      .optional()
      .meta({
        description: "Why, in the canceller's words; shown to admins and in the cancellation email. Blank counts as none.",
        example: "My train was cancelled.",
      }),
  })
  .meta({ id: "CancelBookingInput" });

export const rescheduleBookingInput = z
  .object({
    id: z.uuid({ error: "Not a booking id" }),
    start: z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time, e.g. 2026-12-01T09:00:00Z" }).meta({
      description: "Start of one of the resource's available slots: the booking's new time.",
      example: "2026-12-02T09:00:00Z",
    }),
  })
  .meta({ id: "RescheduleBookingInput" });

/** The tabs of My bookings. */
export const bookingListWhenValues = ["upcoming", "past", "cancelled"] as const;
export type BookingListWhen = (typeof bookingListWhenValues)[number];

export const listMyBookingsInput = z
  .object({
    when: z.enum(bookingListWhenValues).default("upcoming").meta({
      description:
        "Upcoming: held or confirmed, not yet ended, soonest first. Past: held or confirmed, ended, latest first. Cancelled: cancelled or expired, latest start first.",
    }),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: pageCursor.optional(),
  })
  .meta({ id: "ListMyBookingsInput" });

export const listAllBookingsInput = z
  .object({
    resourceId: z.uuid({ error: "Not a resource id" }).optional(),
    status: bookingStatus.optional(),
    from: z.iso.datetime({ offset: true }).optional().meta({ description: "Bookings starting at or after." }),
    to: z.iso.datetime({ offset: true }).optional().meta({ description: "Bookings starting before." }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: pageCursor.optional(),
  })
  .meta({ id: "ListAllBookingsInput" });

export const bookingListOutput = z
  .object({ items: z.array(bookingOutput), nextCursor: z.string().nullable() })
  .meta({ id: "BookingList" });
