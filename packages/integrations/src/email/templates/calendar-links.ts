import type { BookingEmailDetails } from "./email-data.js";
import { oneLine, parseInstant } from "./format.js";

// "Add to calendar" links for the two web calendars that take an event in a URL. Neither has a formal
// specification; these are the render/compose URLs both vendors' own "add event" buttons use (issue 15).

/** What a calendar link carries: the event's title, its start and end, and a line pointing at the booking. */
export interface CalendarEvent {
  title: string;
  /** ISO instant. */
  start: string;
  /** ISO instant. */
  end: string;
  details: string;
  /** Empty when the resource has no location. */
  location: string;
}

/** The booking as a calendar event; the booking page is in the details (where it can be changed or cancelled). */
export function bookingCalendarEvent(booking: BookingEmailDetails): CalendarEvent {
  return {
    title: oneLine(booking.resourceName),
    start: booking.start,
    end: booking.end,
    details: `Your Bookable booking: ${booking.bookingUrl}`,
    location: oneLine(booking.location ?? ""),
  };
}

/** 20261201T080000Z: the UTC "basic" form Google's `dates` takes (RFC 5545 DATE-TIME). */
function basicUtc(iso: string, what: string): string {
  return parseInstant(iso, what)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** 2026-12-01T08:00:00Z: what Outlook's `startdt`/`enddt` take. */
function extendedUtc(iso: string, what: string): string {
  return parseInstant(iso, what)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
}

// encodeURIComponent, not URLSearchParams: the latter writes spaces as "+", which Outlook shows literally.
function query(parameters: [string, string][]): string {
  return parameters
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
}

/** https://calendar.google.com/calendar/render?action=TEMPLATE&text=…&dates=START/END&details=…&location=… */
export function googleCalendarUrl(event: CalendarEvent): string {
  const dates = `${basicUtc(event.start, "start")}/${basicUtc(event.end, "end")}`;
  return `https://calendar.google.com/calendar/render?${query([
    ["action", "TEMPLATE"],
    ["text", event.title],
    ["dates", dates],
    ["details", event.details],
    ["location", event.location],
  ])}`;
}

/** https://outlook.live.com/calendar/0/deeplink/compose?subject=…&startdt=…&enddt=…&body=…&location=… */
export function outlookCalendarUrl(event: CalendarEvent): string {
  return `https://outlook.live.com/calendar/0/deeplink/compose?${query([
    ["path", "/calendar/action/compose"],
    ["rru", "addevent"],
    ["subject", event.title],
    ["startdt", extendedUtc(event.start, "start")],
    ["enddt", extendedUtc(event.end, "end")],
    ["body", event.details],
    ["location", event.location],
  ])}`;
}
