import type { BookingOutput } from "@bookable/validators";

/** The booking as an iCalendar (RFC 5545) event, in UTC, for calendar apps. */
export function bookingCalendar(booking: BookingOutput, productUrl: string): string {
  const stamp = (iso: string) =>
    iso
      .replaceAll("-", "")
      .replaceAll(":", "")
      .replace(/\.\d{3}/, "");
  const text = (value: string) =>
    value
      .replaceAll("\\", "\\\\")
      .replaceAll(";", "\\;")
      .replaceAll(",", "\\,")
      .replaceAll("\r\n", "\\n")
      .replaceAll("\n", "\\n")
      .replaceAll("\r", "\\n");
  const host = new URL(productUrl).host;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Bookable//Bookings//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${booking.id}@${host}`,
    // A moved or cancelled booking keeps its UID with a higher SEQUENCE, so calendar apps update the event
    // they imported instead of adding a second one (RFC 5545 §3.8.7.4).
    `SEQUENCE:${booking.sequence}`,
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
  // RFC 5545: lines end with CRLF and are folded at 75 octets.
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

const MAX_LINE_OCTETS = 75;

/** Folds a content line into chunks of at most 75 octets, continuation lines starting with a space (RFC 5545 §3.1). */
export function foldLine(line: string): string {
  const chunks: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character);
    // Continuation lines carry a leading space, which counts towards their 75 octets.
    const limit = chunks.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      chunks.push(current);
      current = "";
      octets = 0;
    }
    current += character;
    octets += size;
  }
  chunks.push(current);
  return chunks.join("\r\n ");
}
