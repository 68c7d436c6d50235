import { describe, expect, it } from "vitest";
import { bookingCalendarEvent, googleCalendarUrl, outlookCalendarUrl } from "./calendar-links.js";
import { sampleBooking } from "./email-samples.js";
import { zoneShortName } from "./format.js";

const event = {
  title: "Studio & Co",
  start: "2026-12-01T08:00:00.000Z",
  end: "2026-12-01T09:30:00+01:00",
  details: "Your Bookable booking: https://bookable.example.com/bookings/1?a=b",
  location: "Torstraße 1, Berlin",
};

describe("Google Calendar link", () => {
  it("is the render URL with the event in UTC basic form, every value encoded", () => {
    const url = new URL(googleCalendarUrl(event));
    expect(`${url.origin}${url.pathname}`).toBe("https://calendar.google.com/calendar/render");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: "TEMPLATE",
      text: "Studio & Co",
      dates: "20261201T080000Z/20261201T083000Z",
      details: event.details,
      location: "Torstraße 1, Berlin",
    });
    // Spaces as %20, never "+": a "+" would be shown literally by some calendars.
    expect(googleCalendarUrl(event)).toContain("text=Studio%20%26%20Co");
  });

  it("leaves out an empty location", () => {
    expect(new URL(googleCalendarUrl({ ...event, location: "" })).searchParams.has("location")).toBe(false);
  });
});

describe("Outlook link", () => {
  it("is the compose deep link with ISO instants in UTC", () => {
    const url = new URL(outlookCalendarUrl(event));
    expect(`${url.origin}${url.pathname}`).toBe("https://outlook.live.com/calendar/0/deeplink/compose");
    expect(url.searchParams.get("subject")).toBe("Studio & Co");
    expect(url.searchParams.get("startdt")).toBe("2026-12-01T08:00:00Z");
    expect(url.searchParams.get("enddt")).toBe("2026-12-01T08:30:00Z");
    expect(url.searchParams.get("body")).toBe(event.details);
    expect(url.searchParams.get("location")).toBe("Torstraße 1, Berlin");
    expect(url.searchParams.get("rru")).toBe("addevent");
  });

  it("rejects an invalid instant", () => {
    expect(() => outlookCalendarUrl({ ...event, start: "soon" })).toThrow(/start is not a valid ISO instant/);
  });
});

describe("a booking as a calendar event", () => {
  it("is titled with the resource on one line and points at the booking page", () => {
    const bookingEvent = bookingCalendarEvent({ ...sampleBooking, resourceName: "Room\nA", location: undefined });
    expect(bookingEvent).toEqual({
      title: "Room A",
      start: sampleBooking.start,
      end: sampleBooking.end,
      details: `Your Bookable booking: ${sampleBooking.bookingUrl}`,
      location: "",
    });
  });
});

describe("zone short names", () => {
  const winter = new Date("2026-12-01T12:00:00Z");
  const summer = new Date("2026-07-01T12:00:00Z");

  it.each([
    ["Europe/Berlin", winter, "CET"],
    ["Europe/Berlin", summer, "CEST"],
    ["America/New_York", winter, "EST"],
    ["America/New_York", summer, "EDT"],
    ["Europe/London", winter, "GMT"],
    ["Europe/London", summer, "BST"],
    ["Australia/Sydney", winter, "AEDT"],
    ["Asia/Kolkata", winter, "IST"],
    ["UTC", winter, "UTC"],
    ["Asia/Tokyo", winter, "UTC+9"],
    ["America/Sao_Paulo", winter, "UTC-3"],
  ] as const)("%s at %s is %s", (zone, instant, name) => {
    expect(zoneShortName(zone, instant)).toBe(name);
  });
});
