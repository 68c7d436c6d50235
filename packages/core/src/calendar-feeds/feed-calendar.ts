import ical, { ICalCalendarMethod } from "ical-generator";
import { addBookingEvent, type CalendarAudience, type CalendarBooking } from "./booking-event.js";

/** How often calendar apps that honour the hint (Apple Calendar, Thunderbird) poll a feed. */
export const FEED_REFRESH_SECONDS = 15 * 60;

/** Everything a feed's bytes depend on: the ETag is a hash of this (feed-etag.ts). */
export interface FeedCalendarInput {
  /** Shown as the subscribed calendar's name (X-WR-CALNAME). */
  name: string;
  /** A resource feed's zone (X-WR-TIMEZONE); null for a person's feed, whose bookings may be in several zones. */
  timeZone: string | null;
  /** PUBLIC_URL: the host of every UID and the origin of every booking link. */
  productUrl: string;
  audience: CalendarAudience;
  bookings: CalendarBooking[];
}

/** A calendar of Bookable's events, as `ical-generator` writes it; CRLF line ends, folded at 75 octets. */
export function newBookableCalendar(options: { name?: string; refreshSeconds?: number; timeZone?: string | null } = {}) {
  return ical({
    prodId: { company: "Bookable", product: "Bookings", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    scale: "GREGORIAN",
    ...(options.name ? { name: options.name } : {}),
    ...(options.refreshSeconds ? { ttl: options.refreshSeconds } : {}),
    // Named, not applied: events stay in UTC (no VTIMEZONE needed), and apps that show the calendar's zone
    // show the resource's. A `timezone` option would make ical-generator write local times instead.
    ...(options.timeZone ? { x: { "X-WR-TIMEZONE": options.timeZone } } : {}),
  });
}

/** The feed as text/calendar. Deterministic: the same input gives the same bytes (the strong ETag relies on it). */
export function renderFeedCalendar(input: FeedCalendarInput): string {
  const calendar = newBookableCalendar({ name: input.name, refreshSeconds: FEED_REFRESH_SECONDS, timeZone: input.timeZone });
  for (const booking of input.bookings) addBookingEvent(calendar, booking, input.productUrl, input.audience);
  // ical-generator ends the last line without CRLF; RFC 5545 §3.1 ends every content line with one.
  return `${calendar.toString()}\r\n`;
}
