import type { bookingStatusValues } from "@bookable/validators/enum-values";
import { type ICalCalendar, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";

/**
 * What a booking's calendar event shows: exactly these fields, so a feed that hashes them (feed-etag.ts) changes
 * its ETag whenever an event would change.
 */
export interface CalendarBooking {
  id: string;
  status: (typeof bookingStatusValues)[number];
  /** bookings.sequence: grows on each reschedule and on cancellation. */
  sequence: number;
  start: Date;
  end: Date;
  createdAt: Date;
  seats: number;
  attendeeName: string;
  notes: string;
  resourceName: string;
  /** Empty when the resource names no place. */
  resourceLocation: string;
  /** The resource's IANA zone, named in the description (the times themselves are UTC). */
  timeZone: string;
}

/** Who reads the event: the booker sees the resource as the title, an admin's resource feed the attendee. */
export type CalendarAudience = "booker" | "admin";

/**
 * The booking's UID: the same in its own .ics file, in the booker's feed and in the resource's feed, so a
 * calendar app that has it from one source recognises it from another (RFC 5545 §3.8.4.7).
 */
export function bookingUid(bookingId: string, productUrl: string): string {
  return `${bookingId}@${new URL(productUrl).host}`;
}

/** Adds the booking as one VEVENT, in UTC, with the resource's zone named in its description. */
export function addBookingEvent(
  calendar: ICalCalendar,
  booking: CalendarBooking,
  productUrl: string,
  audience: CalendarAudience,
): void {
  const seats = booking.seats > 1 ? ` (${booking.seats} seats)` : "";
  calendar.createEvent({
    id: bookingUid(booking.id, productUrl),
    // A moved or cancelled booking keeps its UID with a higher SEQUENCE, so calendar apps update the event
    // they have instead of adding a second one (RFC 5545 §3.8.7.4).
    sequence: booking.sequence,
    // Fixed, not "now": the same booking must give the same bytes, or a feed's strong ETag would lie.
    stamp: booking.createdAt,
    start: booking.start,
    end: booking.end,
    summary: audience === "admin" ? `${booking.attendeeName}${seats}` : booking.resourceName,
    description: [
      `Booked for ${booking.attendeeName}${seats}${booking.notes ? `. ${booking.notes}` : ""}`,
      `Local time: ${localTimes(booking)}`,
    ].join("\n"),
    location: booking.resourceLocation || null,
    status: eventStatus(booking.status),
    url: new URL(`/bookings/${booking.id}`, productUrl).href,
  });
}

/** Cancelled and expired bookings stay in calendars as cancelled events, holds as tentative ones. */
function eventStatus(status: CalendarBooking["status"]): ICalEventStatus {
  if (status === "cancelled" || status === "expired") return ICalEventStatus.CANCELLED;
  return status === "held" ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED;
}

/** "Tue 1 Dec 2026, 10:00–11:00 (Europe/Berlin)": the times on the resource's clock, with its zone named. */
export function localTimes(booking: Pick<CalendarBooking, "start" | "end" | "timeZone">): string {
  const start = DateTime.fromJSDate(booking.start, { zone: booking.timeZone }).setLocale("en-GB");
  const end = DateTime.fromJSDate(booking.end, { zone: booking.timeZone }).setLocale("en-GB");
  const day = "ccc d LLL yyyy";
  const until = start.hasSame(end, "day") ? end.toFormat("HH:mm") : end.toFormat(`${day}, HH:mm`);
  return `${start.toFormat(`${day}, HH:mm`)}–${until} (${booking.timeZone})`;
}
