// Parsed with ical.js, an independent iCalendar parser, not the generator that wrote it (issue 16).
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { CalendarBooking } from "./booking-event.js";
import { type FeedCalendarInput, renderFeedCalendar } from "./feed-calendar.js";
import { feedEtag } from "./feed-etag.js";

const booking = (overrides: Partial<CalendarBooking> = {}): CalendarBooking => ({
  id: "5f0c6f4e-1c3b-4a7e-9d1f-2b8a6c4d3e21",
  status: "confirmed",
  sequence: 0,
  start: new Date("2026-12-01T09:00:00.000Z"),
  end: new Date("2026-12-01T10:00:00.000Z"),
  createdAt: new Date("2026-11-25T12:00:00.000Z"),
  seats: 1,
  attendeeName: "Ada Lovelace",
  notes: "",
  resourceName: "Room A",
  resourceLocation: "Floor 2",
  timeZone: "Europe/Berlin",
  ...overrides,
});

const feed = (overrides: Partial<FeedCalendarInput> = {}): FeedCalendarInput => ({
  name: "Bookable: Room A",
  timeZone: "Europe/Berlin",
  productUrl: "https://book.example.com",
  audience: "admin",
  bookings: [
    booking(),
    booking({ id: "6f0c6f4e-1c3b-4a7e-9d1f-2b8a6c4d3e21", status: "cancelled", sequence: 3, seats: 2 }),
    booking({ id: "7f0c6f4e-1c3b-4a7e-9d1f-2b8a6c4d3e21", status: "held" }),
  ],
  ...overrides,
});

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, events: calendar.getAllSubcomponents("vevent") };
}

describe("renderFeedCalendar", () => {
  it("writes one event per booking: stable UIDs, SEQUENCE, status, UTC times, the zone named", () => {
    const { calendar, events } = parse(renderFeedCalendar(feed()));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Bookable: Room A");
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBe("Europe/Berlin");
    expect(events.map((event) => event.getFirstPropertyValue("uid"))).toEqual([
      "5f0c6f4e-1c3b-4a7e-9d1f-2b8a6c4d3e21@book.example.com",
      "6f0c6f4e-1c3b-4a7e-9d1f-2b8a6c4d3e21@book.example.com",
      "7f0c6f4e-1c3b-4a7e-9d1f-2b8a6c4d3e21@book.example.com",
    ]);
    expect(events.map((event) => event.getFirstPropertyValue("status"))).toEqual(["CONFIRMED", "CANCELLED", "TENTATIVE"]);
    expect(events.map((event) => new ICAL.Event(event).sequence)).toEqual([0, 3, 0]);
    const first = new ICAL.Event(events[0]);
    expect(first.startDate.zone?.tzid).toBe("UTC");
    expect(first.startDate.toJSDate().toISOString()).toBe("2026-12-01T09:00:00.000Z");
    expect(first.endDate.toJSDate().toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(first.location).toBe("Floor 2");
    // The admin's feed is titled by who booked; the time on the resource's clock names its zone.
    expect(first.summary).toBe("Ada Lovelace");
    expect(new ICAL.Event(events[1]).summary).toBe("Ada Lovelace (2 seats)");
    expect(first.description).toContain("Local time: Tue 1 Dec 2026, 10:00–11:00 (Europe/Berlin)");
  });

  it("titles a booker's events by the resource and names no calendar zone", () => {
    const { calendar, events } = parse(renderFeedCalendar(feed({ audience: "booker", timeZone: null })));
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBeNull();
    expect(new ICAL.Event(events[0]).summary).toBe("Room A");
  });

  it("asks calendar apps to refresh every 15 minutes", () => {
    const ics = renderFeedCalendar(feed());
    expect(ics).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n");
    expect(ics).toContain("X-PUBLISHED-TTL:PT15M\r\n");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("writes an empty calendar when there are no bookings", () => {
    expect(parse(renderFeedCalendar(feed({ bookings: [] }))).events).toEqual([]);
  });

  it("gives the same bytes for the same input, so a strong ETag holds", () => {
    expect(renderFeedCalendar(feed())).toBe(renderFeedCalendar(feed()));
  });
});

describe("feedEtag", () => {
  it("is a quoted strong tag that stays while the input stays and changes with any event", () => {
    const etag = feedEtag(feed());
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(feedEtag(feed())).toBe(etag);
    const changed = [
      feed({ bookings: [booking({ sequence: 1 })] }),
      feed({ bookings: [booking({ status: "cancelled" })] }),
      feed({ bookings: [booking({ start: new Date("2026-12-01T08:00:00.000Z") })] }),
      feed({ bookings: [booking({ resourceName: "Room B" })] }),
      feed({ name: "Bookable: Room B" }),
      feed({ productUrl: "https://other.example.com" }),
      feed({ bookings: [] }),
    ];
    for (const input of changed) expect(feedEtag(input)).not.toBe(etag);
  });
});
