import { z } from "zod";
import { createBookingInput } from "./bookings.js";
import { waitlistStatusValues } from "./enum-values.js";

export const waitlistStatus = z.enum(waitlistStatusValues).meta({
  id: "WaitlistStatus",
  description:
    "`waiting` in line; `offered` a seat held for you until `offerExpiresAt` (the booking `bookingId`); then `accepted`, `lapsed` (not taken in time) or `left`.",
});

/** Joining the line for a full slot: the slot's start and the attendee, as a booking takes them. */
export const joinWaitlistInput = z
  .object({
    id: z.uuid({ error: "Not a resource id" }).meta({ description: "The resource." }),
    start: createBookingInput.shape.start,
    attendee: createBookingInput.shape.attendee,
  })
  .meta({ id: "JoinWaitlistInput" });
export type JoinWaitlistInput = z.input<typeof joinWaitlistInput>;

export const waitlistEntryIdInput = z.object({ id: z.uuid({ error: "Not a waitlist entry id" }) });

export const waitlistEntryOutput = z
  .object({
    id: z.uuid(),
    resourceId: z.uuid(),
    resourceName: z.string(),
    timeZone: z.string().meta({ description: "The resource's zone." }),
    start: z.iso.datetime(),
    end: z.iso.datetime(),
    status: waitlistStatus,
    position: z.int().nullable().meta({
      description: "1 for the first in line, while `waiting`; null once offered or ended.",
      example: 2,
    }),
    bookingId: z.uuid().nullable().meta({ description: "The held booking of the offer: accept it on its booking page." }),
    offerExpiresAt: z.iso.datetime().nullable(),
    attendee: z.object({ name: z.string(), email: z.string() }),
    userId: z.uuid(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "WaitlistEntry" });
export type WaitlistEntryOutput = z.infer<typeof waitlistEntryOutput>;

export const waitlistListOutput = z.object({ items: z.array(waitlistEntryOutput) }).meta({ id: "WaitlistList" });

export const listWaitlistInput = z
  .object({
    resourceId: z.uuid({ error: "Not a resource id" }),
    from: z.iso.datetime({ offset: true }).optional().meta({ description: "Slots starting at or after (default: now)." }),
  })
  .meta({ id: "ListWaitlistInput" });
