import { bookings, type Database, resources } from "@bookable/db";
import { and, asc, eq, gte } from "drizzle-orm";
import type { CalendarBooking } from "./booking-event.js";

const DAY_MS = 24 * 3_600_000;

/**
 * How far back a feed reaches: recent history stays in the calendar, older events are the calendar app's own
 * copy. Forward it reaches everything (bookings end within a resource's horizon anyway).
 */
export const FEED_PAST_DAYS = 90;

/** A bound on one feed's size; far beyond what a person or one resource books in the window. */
export const FEED_MAX_EVENTS = 5_000;

/** Whose bookings a feed shows: a person's (booked by them) or a resource's (anyone's). */
export type FeedOwner = { userId: string } | { resourceId: string };

/**
 * The bookings of a feed, in every status (cancelled and expired ones become cancelled events, so calendars that
 * imported them remove them), ending within the window, earliest first. One indexed query, with the resource.
 */
export async function readFeedBookings(db: Database, owner: FeedOwner, now: Date): Promise<CalendarBooking[]> {
  const whose = "userId" in owner ? eq(bookings.userId, owner.userId) : eq(bookings.resourceId, owner.resourceId);
  return db
    .select({
      id: bookings.id,
      status: bookings.status,
      sequence: bookings.sequence,
      start: bookings.startAt,
      end: bookings.endAt,
      createdAt: bookings.createdAt,
      seats: bookings.seats,
      attendeeName: bookings.attendeeName,
      notes: bookings.notes,
      resourceName: resources.name,
      resourceLocation: resources.location,
      timeZone: resources.timeZone,
    })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(and(whose, gte(bookings.endAt, new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS))))
    .orderBy(asc(bookings.startAt), asc(bookings.id))
    .limit(FEED_MAX_EVENTS);
}
