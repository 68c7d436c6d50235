import type { BookingOutput } from "@bookable/validators";
import { describe, expect, it } from "vitest";
import { bookingCalendar } from "./booking-calendar.js";

const booking: BookingOutput = {
  id: "5f0c6f4e-1c3b-4a7e-9d1f-2b8a6c4d3e21",
  status: "confirmed",
  resourceId: "0b7a7c5e-8f0e-4a8e-9d2b-3f1c2a4b5c6d",
  resourceName: "Room; with, specials",
  timeZone: "Europe/Berlin",
  start: "2026-12-01T09:00:00.000Z",
  end: "2026-12-01T10:00:00.000Z",
  seats: 1,
  attendee: { name: "Zoë Ångström", email: "zoe@example.com", phone: null, smsOptIn: false, timeZone: null },
  notes: `Line one\r\nline two ${"long text ".repeat(20)}`,
  price: { amount: 0, currency: "EUR" },
  holdExpiresAt: null,
  checkoutUrl: null,
  payment: null,
  freeCancellationUntil: null,
  cancelledAt: null,
  sequence: 2,
  cancellationReason: null,
  createdAt: "2026-11-25T12:00:00.000Z",
  userId: "1b7a7c5e-8f0e-4a8e-9d2b-3f1c2a4b5c6d",
};

describe("bookingCalendar", () => {
  it("writes an RFC 5545 event: UTC times, escaped text, CRLF lines of at most 75 octets", () => {
    const ics = bookingCalendar(booking, "https://book.example.com");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics).toContain("DTSTART:20261201T090000Z\r\n");
    expect(ics).toContain("DTEND:20261201T100000Z\r\n");
    expect(ics).toContain("SUMMARY:Room\\; with\\, specials\r\n");
    expect(ics).toContain("UID:5f0c6f4e-1c3b-4a7e-9d1f-2b8a6c4d3e21@book.example.com");
    expect(ics).toContain("SEQUENCE:2\r\n");
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    // Unfolding (removing CRLF + space) gives the description back in one piece, without raw line breaks.
    const unfolded = ics.replaceAll("\r\n ", "");
    expect(unfolded).toContain(`DESCRIPTION:Booked for Zoë Ångström. Line one\\nline two ${"long text ".repeat(20).trim()}`);
  });

  it("never splits a multi-byte character when folding", () => {
    const ics = bookingCalendar({ ...booking, resourceName: "é".repeat(60) }, "https://book.example.com");
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.replaceAll("\r\n ", "")).toContain(`SUMMARY:${"é".repeat(60)}\r\n`);
  });

  it("names the resource's zone beside the UTC times, and marks cancelled and held bookings", () => {
    const ics = bookingCalendar(booking, "https://book.example.com").replaceAll("\r\n ", "");
    // Text values escape commas (RFC 5545 §3.3.11).
    expect(ics).toContain("\\nLocal time: Tue 1 Dec 2026\\, 10:00–11:00 (Europe/Berlin)\r\n");
    expect(ics).toContain("STATUS:CONFIRMED\r\n");
    expect(bookingCalendar({ ...booking, status: "cancelled" }, "https://book.example.com")).toContain("STATUS:CANCELLED\r\n");
    expect(bookingCalendar({ ...booking, status: "expired" }, "https://book.example.com")).toContain("STATUS:CANCELLED\r\n");
    expect(bookingCalendar({ ...booking, status: "held" }, "https://book.example.com")).toContain("STATUS:TENTATIVE\r\n");
  });
});
