import { z } from "zod";
import { resourceStatusValues } from "./enum-values.js";
import { jsonBoolean } from "./json-boolean.js";
import { plainText } from "./plain-text.js";

const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: "Use 24-hour HH:MM, e.g. 09:00 (24:00 ends at midnight)" });

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** An opening interval in the resource's zone; the same shape is used for date overrides. */
export const openingInterval = z
  .object({
    start: localTime.meta({ example: "09:00" }),
    end: localTime.meta({ example: "17:00" }),
  })
  .refine((interval) => minutesOf(interval.end) > minutesOf(interval.start), { error: "End must be after start", path: ["end"] })
  .meta({ id: "OpeningInterval" });

export const weeklyHoursInterval = z
  .object({
    weekday: z
      .int({ error: "Weekday must be 1 (Monday) to 7 (Sunday)" })
      .min(1)
      .max(7)
      .meta({ description: "ISO weekday, 1 = Monday.", example: 1 }),
    start: localTime.meta({ example: "09:00" }),
    end: localTime.meta({ example: "17:00" }),
  })
  .refine((interval) => minutesOf(interval.end) > minutesOf(interval.start), { error: "End must be after start", path: ["end"] })
  .meta({ id: "WeeklyHoursInterval", description: "Opening hours on one weekday, in the resource's time zone." });

const timeZone = plainText({ error: "Time zone is required" })
  .refine((zone) => isIanaZone(zone), { error: "Use an IANA time zone such as Europe/Berlin" })
  .meta({ description: "IANA time zone of the resource; opening hours are in it.", example: "Europe/Berlin" });

export function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

const minutes = (description: string, max: number, example: number) =>
  z.int({ error: "Must be a whole number of minutes" }).min(0).max(max).meta({ description, example });

export const price = z
  .object({
    amount: z.int({ error: "Amount must be a whole number of minor units" }).min(0).max(100_000_000).meta({
      description: "In minor units (cents); 0 = free.",
      example: 2500,
    }),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, { error: "Use a three-letter ISO 4217 code" })
      .transform((code) => code.toUpperCase())
      .meta({ example: "EUR" }),
  })
  .meta({ id: "Price" });

const slug = plainText()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "Use lowercase letters, digits and single dashes" })
  .meta({ example: "meeting-room-a" });

const resourceFields = {
  name: plainText({ error: "Name is required" })
    .min(1, { error: "Name is required" })
    .max(120)
    .meta({ example: "Meeting room A" }),
  slug: slug.optional(),
  description: plainText({ multiline: true }).max(4000).optional().meta({ example: "Eight seats, a screen and a whiteboard." }),
  location: plainText()
    .max(200)
    .optional()
    .meta({ description: "Where to find it, as people would say it.", example: "Building B, second floor" }),
  timeZone,
  slotMinutes: z
    .int({ error: "Slot length must be a whole number of minutes" })
    .min(5)
    .max(24 * 60)
    .meta({ example: 60 }),
  weeklyHours: z.array(weeklyHoursInterval).max(70).meta({ description: "Several intervals per weekday are allowed." }),
  capacity: z.int().min(1).max(1000).optional().meta({ description: "Seats per slot; default 1.", example: 1 }),
  price: price.optional(),
  bufferBeforeMinutes: minutes("Kept free before each booking.", 24 * 60, 0).optional(),
  bufferAfterMinutes: minutes("Kept free after each booking.", 24 * 60, 15).optional(),
  minNoticeMinutes: minutes("How long before its start a slot can still be booked.", 365 * 24 * 60, 60).optional(),
  horizonDays: z.int().min(1).max(730).optional().meta({ description: "How far ahead slots can be booked.", example: 60 }),
  freeCancellationHours: z
    .int()
    .min(0)
    .max(24 * 365)
    .optional()
    .meta({
      description: "Cancelling is free until this many hours before the start.",
      example: 24,
    }),
  reminderMinutesBefore: z
    .int()
    .min(0)
    .max(30 * 24 * 60)
    .optional()
    .meta({
      description: "When the reminder goes out before the start, in minutes; 0 sends none. Default 1440 (a day).",
      example: 1440,
    }),
};

export const createResourceInput = z.object(resourceFields).meta({ id: "CreateResourceInput" });
export type CreateResourceInput = z.input<typeof createResourceInput>;

// Every field of a new resource, each optional: a field added to resourceFields can be changed at once.
export const updateResourceInput = z
  .object({
    id: z.uuid({ error: "Not a resource id" }),
    ...z.object(resourceFields).partial().shape,
    status: z.enum(resourceStatusValues).optional().meta({ description: "Archived resources take no new bookings." }),
  })
  .meta({ id: "UpdateResourceInput", description: "Only the fields sent change." });
export type UpdateResourceInput = z.input<typeof updateResourceInput>;

export const resourceOutput = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    location: z.string().meta({ description: "Empty when none was given." }),
    timeZone: z.string(),
    slotMinutes: z.int(),
    weeklyHours: z.array(weeklyHoursInterval),
    capacity: z.int(),
    price: z.object({ amount: z.int(), currency: z.string() }),
    bufferBeforeMinutes: z.int(),
    bufferAfterMinutes: z.int(),
    minNoticeMinutes: z.int(),
    horizonDays: z.int(),
    freeCancellationHours: z.int(),
    reminderMinutesBefore: z.int(),
    status: z.enum(resourceStatusValues),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Resource", description: "Something people book: a room, a desk, a person's hour." });
export type ResourceOutput = z.infer<typeof resourceOutput>;

export const resourceIdInput = z.object({ id: z.uuid({ error: "Not a resource id" }) });

export const listResourcesInput = z
  .object({
    includeArchived: z
      .enum(["true", "false"])
      .transform((value) => value === "true")
      .optional()
      .meta({ description: "Admins only: include archived resources." }),
  })
  .meta({ id: "ListResourcesInput" });

export const resourceListOutput = z
  .object({ items: z.array(resourceOutput), nextCursor: z.string().nullable() })
  .meta({ id: "ResourceList" });

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date as YYYY-MM-DD" })
  // Date.parse accepts 2027-02-30 (it rolls over to March), so the date must survive a round trip.
  .refine(
    (value) => {
      const parsed = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
    },
    { error: "Not a real date" },
  )
  .meta({ description: "A calendar date in the resource's time zone.", example: "2026-12-24" });

export const dateOverrideOutput = z
  .object({ date: localDate, closed: z.boolean(), hours: z.array(openingInterval) })
  .meta({ id: "DateOverride", description: "A date that is closed, or open at other hours than usual." });

export const setDateOverrideInput = z
  .object({
    id: z.uuid({ error: "Not a resource id" }),
    date: localDate,
    closed: jsonBoolean("Say whether the date is closed: true or false"),
    hours: z.array(openingInterval).max(10).default([]),
  })
  .refine((value) => value.closed || value.hours.length > 0, { error: "Give the hours of an open date", path: ["hours"] })
  .meta({ id: "SetDateOverrideInput" });

export const dateOverrideKeyInput = z.object({ id: z.uuid({ error: "Not a resource id" }), date: localDate });

export const dateOverrideListOutput = z.object({ items: z.array(dateOverrideOutput) }).meta({ id: "DateOverrideList" });

const instant = (description: string, example: string) =>
  z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time, e.g. 2026-12-01T09:00:00Z" }).meta({ description, example });

/** The window of an availability question: ids and instants, before the checks on their order and span. */
const availabilityWindowFields = {
  id: z.uuid({ error: "Not a resource id" }),
  from: instant("Start of the window (inclusive).", "2026-12-01T00:00:00Z"),
  to: instant("End of the window (exclusive); at most 62 days after `from`.", "2026-12-08T00:00:00Z"),
};

/**
 * A window runs forwards and spans at most 62 days: a month view with a week to spare on either side.
 * A `from` or `to` that is no instant is its own field's issue, not also one about the order or span.
 */
function checkWindow<Schema extends z.ZodType<{ from: string; to: string }>>(schema: Schema): Schema {
  const span = (value: { from: string; to: string }) => Date.parse(value.to) - Date.parse(value.from);
  return schema
    .refine((value) => !(span(value) <= 0), { error: "`to` must be after `from`", path: ["to"] })
    .refine((value) => !(span(value) > 62 * 24 * 3600 * 1000), { error: "The window can span at most 62 days", path: ["to"] });
}

export const availabilityInput = checkWindow(z.object(availabilityWindowFields)).meta({ id: "AvailabilityInput" });
export type AvailabilityInput = z.infer<typeof availabilityInput>;

export const slotOutput = z
  .object({
    start: z.iso.datetime().meta({ example: "2026-12-01T08:00:00.000Z" }),
    end: z.iso.datetime().meta({ example: "2026-12-01T09:00:00.000Z" }),
    seatsLeft: z.int().meta({ example: 1 }),
  })
  .meta({ id: "Slot" });

export const availabilityOutput = z
  .object({ timeZone: z.string().meta({ description: "The resource's zone." }), slots: z.array(slotOutput) })
  .meta({ id: "Availability" });
export type AvailabilityOutput = z.infer<typeof availabilityOutput>;

/** Slots the resource offers whose seats are all taken: the ones a waitlist can be joined for (issue 15). */
export const fullSlotsOutput = z
  .object({
    timeZone: z.string().meta({ description: "The resource's zone." }),
    slots: z.array(
      z
        .object({
          start: z.iso.datetime().meta({ example: "2026-12-01T08:00:00.000Z" }),
          end: z.iso.datetime().meta({ example: "2026-12-01T09:00:00.000Z" }),
        })
        .meta({ id: "FullSlot" }),
    ),
  })
  .meta({ id: "FullSlots" });
export type FullSlotsOutput = z.infer<typeof fullSlotsOutput>;

export const availabilityDaysInput = checkWindow(
  z.object({
    ...availabilityWindowFields,
    timeZone: plainText()
      .refine((zone) => isIanaZone(zone), { error: "Use an IANA time zone such as Europe/Berlin" })
      .optional()
      .meta({
        description: "IANA time zone whose calendar dates the days are; the resource's zone when left out.",
        example: "America/New_York",
      }),
  }),
).meta({ id: "AvailabilityDaysInput" });
export type AvailabilityDaysInput = z.input<typeof availabilityDaysInput>;

export const availabilityDayOutput = z
  .object({
    date: z.string().meta({ description: "A calendar date in the answer's time zone.", example: "2026-12-01" }),
    freeSlots: z.int().min(0).meta({ description: "Free slots (at least one seat left) starting on this date.", example: 8 }),
    fullSlots: z.int().min(0).meta({
      description:
        "Slots the rules offer starting on this date that have no seat left: their waitlists can be joined (GET /resources/{id}/availability/full).",
      example: 2,
    }),
    firstFreeStart: z.iso.datetime().nullable().meta({
      description: "The first free slot's start as a UTC instant; null when none.",
      example: "2026-12-01T08:00:00.000Z",
    }),
  })
  .meta({ id: "AvailabilityDay" });
export type AvailabilityDayOutput = z.infer<typeof availabilityDayOutput>;

export const availabilityDaysOutput = z
  .object({
    timeZone: z.string().meta({ description: "The zone the dates are in.", example: "Europe/Berlin" }),
    days: z.array(availabilityDayOutput).meta({ description: "Every date that intersects [from, to), in order." }),
  })
  .meta({ id: "AvailabilityDays", description: "Free and full slots per calendar date, for a month view without every slot." });
export type AvailabilityDaysOutput = z.infer<typeof availabilityDaysOutput>;
