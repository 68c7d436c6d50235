import { describe, expect, it } from "vitest";
import { bookingUid, localTimes } from "./booking-event.js";

describe("localTimes", () => {
  it("shows one day's times on the resource's clock with its zone", () => {
    const times = {
      start: new Date("2026-07-01T09:00:00Z"),
      end: new Date("2026-07-01T10:30:00Z"),
      timeZone: "America/New_York",
    };
    expect(localTimes(times)).toBe("Wed 1 Jul 2026, 05:00–06:30 (America/New_York)");
  });

  it("names both days when the booking runs past midnight there", () => {
    const times = { start: new Date("2026-12-01T22:00:00Z"), end: new Date("2026-12-01T23:30:00Z"), timeZone: "Europe/Berlin" };
    expect(localTimes(times)).toBe("Tue 1 Dec 2026, 23:00–Wed 2 Dec 2026, 00:30 (Europe/Berlin)");
  });
});

describe("bookingUid", () => {
  it("is the booking id at the product's host, whatever the path or port", () => {
    expect(bookingUid("5f0c", "https://book.example.com:8443/app/")).toBe("5f0c@book.example.com:8443");
  });
});
