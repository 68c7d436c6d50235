import type { BookingOutput } from "@bookable/validators";
import { addBookingEvent } from "../calendar-feeds/booking-event.js";
import { newBookableCalendar } from "../calendar-feeds/feed-calendar.js";

/**
 * The booking as an iCalendar (RFC 5545) file, in UTC, for calendar apps: the same event (UID, SEQUENCE) as in
 * the booker's and the resource's feeds, written by the same code.
 */
export function bookingCalendar(booking: BookingOutput, productUrl: string): string {
  const calendar = newBookableCalendar();
  addBookingEvent(
    calendar,
    {
      id: booking.id,
      status: booking.status,
      sequence: booking.sequence,
      start: new Date(booking.start),
      end: new Date(booking.end),
      createdAt: new Date(booking.createdAt),
      seats: booking.seats,
      attendeeName: booking.attendee.name,
      notes: booking.notes,
      resourceName: booking.resourceName,
      // The booking's answer carries no location; its event goes without, as before.
      resourceLocation: "",
      timeZone: booking.timeZone,
    },
    productUrl,
    "booker",
  );
  // ical-generator ends the last line without CRLF; RFC 5545 §3.1 ends every content line with one.
  return `${calendar.toString()}\r\n`;
}
