import type { BookingOutput } from "@bookable/validators";

/** The booking as an iCalendar (RFC 5545) event, in UTC, for calendar apps. */
export function bookingCalendar(booking: BookingOutput, productUrl: string): string {
  const stamp = (iso: string) =>
    iso
      .replaceAll("-", "")
      .replaceAll(":", "")
      .replace(/\.\d{3}/, "");
  const text = (value: string) =>
    value.replaceAll("\\", "\\\\").replaceAll(";", "\\;").replaceAll(",", "\\,").replaceAll("\n", "\\n");
  const host = new URL(productUrl).host;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Bookable//Bookings//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${booking.id}@${host}`,
    `DTSTAMP:${stamp(booking.createdAt)}`,
    `DTSTART:${stamp(booking.start)}`,
    `DTEND:${stamp(booking.end)}`,
    `SUMMARY:${text(booking.resourceName)}`,
    `DESCRIPTION:${text(`Booked for ${booking.attendee.name}${booking.notes ? `. ${booking.notes}` : ""}`)}`,
    `STATUS:${booking.status === "cancelled" || booking.status === "expired" ? "CANCELLED" : booking.status === "held" ? "TENTATIVE" : "CONFIRMED"}`,
    `URL:${new URL(`/bookings/${booking.id}`, productUrl).href}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  // RFC 5545: lines end with CRLF.
  return `${lines.join("\r\n")}\r\n`;
}
