import { afterEach, describe, expect, it } from "vitest";
import { formatDateTime } from "./format-date-time.js";
import { formatDateTimeRange } from "./format-date-time-range.js";
import { timePreferences, updateTimePreferences } from "./time-preferences-store.js";
import { timeZoneOptions } from "./time-zone-options.js";

const plain = (text: string) => text.replace(/\s+/gu, " ");
const start = "2026-03-12T14:30:00.000Z";
const end = "2026-03-12T15:30:00.000Z";

describe("times on the person's chosen zone and clock", () => {
  const initial = timePreferences();
  afterEach(() => updateTimePreferences(initial));

  it("shows a time in the chosen zone unless a zone is given", () => {
    updateTimePreferences({ timeZone: "Asia/Tokyo", hourCycle: "h23" });
    expect(formatDateTime(start, "time")).toBe("23:30");
    expect(formatDateTime(start, "time", "Europe/Berlin")).toBe("15:30");
    updateTimePreferences({ timeZone: "America/New_York" });
    expect(formatDateTime(start, "time")).toBe("10:30");
  });

  it("follows the chosen 12/24-hour clock", () => {
    updateTimePreferences({ timeZone: "Europe/Berlin", hourCycle: "h12" });
    expect(plain(formatDateTime(start, "time"))).toMatch(/^3:30 PM$/i);
    expect(plain(formatDateTimeRange(start, end))).toMatch(/3:30 (PM )?– 4:30 PM/i);
    updateTimePreferences({ hourCycle: "h23" });
    expect(formatDateTime(start, "time")).toBe("15:30");
    expect(plain(formatDateTimeRange(start, end))).toContain("15:30 – 16:30");
  });

  it("keeps the same preferences object until it changes, as React's external store needs", () => {
    const before = timePreferences();
    expect(timePreferences()).toBe(before);
    updateTimePreferences({ hourCycle: before.hourCycle === "h12" ? "h23" : "h12" });
    expect(timePreferences()).not.toBe(before);
  });
});

describe("the time-zone list", () => {
  it("holds every zone the runtime knows, and aliases such as UTC that it leaves out", () => {
    const options = timeZoneOptions(["UTC"], new Date(start));
    expect(options.map((option) => option.id)).toContain("UTC");
    const newYork = options.find((option) => option.id === "America/New_York");
    expect(newYork?.name).toMatch(/^America\/New York/);
    expect(options.length).toBeGreaterThan(300);
  });
});
