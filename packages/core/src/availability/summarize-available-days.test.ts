import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  type AvailabilityRules,
  type AvailableDay,
  computeAvailableSlotTexts,
  type OccupiedInterval,
  summarizeAvailableDays,
} from "./index.js";

// Calendar (2026): Thu 1 January, so Mon 5 January; Sundays 8 March (New York springs forward), 29 March (London
// springs forward), 25 October (London falls back) and 1 November (New York falls back).

const EARLY_NOW = new Date("2026-01-01T00:00:00Z");
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

function rules(overrides: Partial<AvailabilityRules> = {}): AvailabilityRules {
  return {
    timeZone: "Europe/London",
    slotMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    horizonDays: 730,
    capacity: 1,
    weeklyHours: [],
    overrides: [],
    ...overrides,
  };
}

const aroundTheClock = (r: Partial<AvailabilityRules> = {}) =>
  rules({ weeklyHours: EVERY_DAY.map((weekday) => ({ weekday, start: "00:00", end: "24:00" })), ...r });
const weekdays9to17 = (r: Partial<AvailabilityRules> = {}) =>
  rules({ weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "17:00" })), ...r });

/** The instants from the first local midnight of `firstDate` to the local midnight after `lastDate`, in `zone`. */
function localDates(firstDate: string, lastDate: string, zone: string): { from: Date; to: Date } {
  return {
    from: DateTime.fromISO(firstDate, { zone }).toJSDate(),
    to: DateTime.fromISO(lastDate, { zone }).plus({ days: 1 }).toJSDate(),
  };
}

const day = (date: string, freeSlots: number, firstFreeStart: string | null = null, fullSlots = 0): AvailableDay => ({
  date,
  freeSlots,
  fullSlots,
  firstFreeStart,
});

describe("summarizeAvailableDays: daylight-saving change days", () => {
  it("counts 23 hourly slots on London's spring-forward day and 25 on its fall-back day", () => {
    const r = aroundTheClock();
    expect(
      summarizeAvailableDays(r, [], localDates("2026-03-28", "2026-03-30", "Europe/London"), EARLY_NOW, "Europe/London"),
    ).toEqual([
      day("2026-03-28", 24, "2026-03-28T00:00:00.000Z"),
      day("2026-03-29", 23, "2026-03-29T00:00:00.000Z"),
      // Midnight of the 30th is 00:00 BST, an hour before midnight UTC.
      day("2026-03-30", 24, "2026-03-29T23:00:00.000Z"),
    ]);
    expect(
      summarizeAvailableDays(r, [], localDates("2026-10-24", "2026-10-26", "Europe/London"), EARLY_NOW, "Europe/London"),
    ).toEqual([
      day("2026-10-24", 24, "2026-10-23T23:00:00.000Z"),
      day("2026-10-25", 25, "2026-10-24T23:00:00.000Z"),
      day("2026-10-26", 24, "2026-10-26T00:00:00.000Z"),
    ]);
  });

  it("counts 46 half-hour slots on New York's spring-forward day and 50 on its fall-back day", () => {
    const r = aroundTheClock({ timeZone: "America/New_York", slotMinutes: 30 });
    const zone = "America/New_York";
    expect(summarizeAvailableDays(r, [], localDates("2026-03-07", "2026-03-09", zone), EARLY_NOW, zone)).toEqual([
      day("2026-03-07", 48, "2026-03-07T05:00:00.000Z"),
      day("2026-03-08", 46, "2026-03-08T05:00:00.000Z"),
      day("2026-03-09", 48, "2026-03-09T04:00:00.000Z"),
    ]);
    expect(summarizeAvailableDays(r, [], localDates("2026-10-31", "2026-11-02", zone), EARLY_NOW, zone)).toEqual([
      day("2026-10-31", 48, "2026-10-31T04:00:00.000Z"),
      day("2026-11-01", 50, "2026-11-01T04:00:00.000Z"),
      day("2026-11-02", 48, "2026-11-02T05:00:00.000Z"),
    ]);
  });

  it("cuts a London resource's slots into New York dates across both zones' changes (they fall on different Sundays)", () => {
    // 8–28 March: New York is on summer time, London not yet, so the offset is 4 hours instead of 5.
    const r = aroundTheClock();
    const zone = "America/New_York";
    const summary = summarizeAvailableDays(r, [], localDates("2026-03-07", "2026-03-09", zone), EARLY_NOW, zone);
    expect(summary).toEqual([
      day("2026-03-07", 24, "2026-03-07T05:00:00.000Z"),
      // The viewer's date is 23 hours long; the resource's slots are hourly in UTC, so 23 start on it.
      day("2026-03-08", 23, "2026-03-08T05:00:00.000Z"),
      day("2026-03-09", 24, "2026-03-09T04:00:00.000Z"),
    ]);
  });
});

describe("summarizeAvailableDays: a viewer's zone other than the resource's", () => {
  // Berlin is UTC+1 in January: 09:00–17:00 there is 08:00–16:00Z, 17:00–01:00 in Tokyo.
  const r = weekdays9to17({ timeZone: "Europe/Berlin" });
  const tokyoDates = localDates("2026-01-05", "2026-01-07", "Asia/Tokyo");

  it("puts each slot on the viewer's date it starts on", () => {
    expect(summarizeAvailableDays(r, [], tokyoDates, EARLY_NOW, "Asia/Tokyo")).toEqual([
      day("2026-01-05", 7, "2026-01-05T08:00:00.000Z"),
      // Berlin's Monday 16:00 slot starts at midnight in Tokyo, so Tokyo's Tuesday holds it and seven of Tuesday's.
      day("2026-01-06", 8, "2026-01-05T15:00:00.000Z"),
      day("2026-01-07", 8, "2026-01-06T15:00:00.000Z"),
    ]);
  });

  it("lists the resource's own dates for the same instants when asked in its zone", () => {
    // The window runs from 16:00 on Sunday 4 January to 16:00 on Wednesday 7 January, Berlin time.
    expect(summarizeAvailableDays(r, [], tokyoDates, EARLY_NOW, "Europe/Berlin")).toEqual([
      day("2026-01-04", 0),
      day("2026-01-05", 8, "2026-01-05T08:00:00.000Z"),
      day("2026-01-06", 8, "2026-01-06T08:00:00.000Z"),
      day("2026-01-07", 7, "2026-01-07T08:00:00.000Z"),
    ]);
  });
});

describe("summarizeAvailableDays: days without free slots", () => {
  const firstWeek = localDates("2026-01-05", "2026-01-11", "Europe/London");

  it("lists closed days (the weekend) with no free slots and no first start", () => {
    const summary = summarizeAvailableDays(weekdays9to17(), [], firstWeek, EARLY_NOW, "Europe/London");
    expect(summary.map((entry) => entry.date)).toEqual([
      "2026-01-05",
      "2026-01-06",
      "2026-01-07",
      "2026-01-08",
      "2026-01-09",
      "2026-01-10",
      "2026-01-11",
    ]);
    expect(summary.slice(5)).toEqual([day("2026-01-10", 0), day("2026-01-11", 0)]);
    expect(summary[0]).toEqual(day("2026-01-05", 8, "2026-01-05T09:00:00.000Z"));
  });

  it("follows overrides: a closed date has nothing free, a date with other hours counts those", () => {
    const r = weekdays9to17({
      overrides: [
        { date: "2026-01-06", closed: true, hours: [] },
        { date: "2026-01-07", closed: false, hours: [{ start: "13:00", end: "15:00" }] },
        { date: "2026-01-10", closed: false, hours: [{ start: "10:00", end: "11:00" }] },
      ],
    });
    const summary = summarizeAvailableDays(r, [], firstWeek, EARLY_NOW, "Europe/London");
    expect(summary[1]).toEqual(day("2026-01-06", 0));
    expect(summary[2]).toEqual(day("2026-01-07", 2, "2026-01-07T13:00:00.000Z"));
    expect(summary[5]).toEqual(day("2026-01-10", 1, "2026-01-10T10:00:00.000Z"));
  });

  it("has nothing free but counts its full slots on a fully booked day, and starts a partly booked day at its first free slot", () => {
    const booked = (start: string, end: string, seats = 1): OccupiedInterval => ({
      start: new Date(start),
      end: new Date(end),
      seats,
    });
    const fullMonday = [booked("2026-01-05T09:00:00Z", "2026-01-05T17:00:00Z")];
    const tuesdayMorning = [booked("2026-01-06T09:00:00Z", "2026-01-06T11:00:00Z")];
    const summary = summarizeAvailableDays(
      weekdays9to17(),
      [...fullMonday, ...tuesdayMorning],
      firstWeek,
      EARLY_NOW,
      "Europe/London",
    );
    // A booked-out Monday still has its eight slots, all full: a date worth opening for its waitlists.
    expect(summary[0]).toEqual(day("2026-01-05", 0, null, 8));
    expect(summary[1]).toEqual(day("2026-01-06", 6, "2026-01-06T11:00:00.000Z", 2));
    // A closed day has neither.
    expect(summary[5]).toEqual(day("2026-01-10", 0));
    // With two seats, the same bookings leave a seat in every slot.
    const twoSeats = summarizeAvailableDays(weekdays9to17({ capacity: 2 }), fullMonday, firstWeek, EARLY_NOW, "Europe/London");
    expect(twoSeats[0]).toEqual(day("2026-01-05", 8, "2026-01-05T09:00:00.000Z"));
  });

  it("counts only slots that can still be booked: none before the notice, none past the horizon", () => {
    // Monday 11:30, one hour of notice: Monday keeps 13:00–16:00; a two-day horizon ends Wednesday 11:30.
    const now = new Date("2026-01-05T11:30:00Z");
    const r = weekdays9to17({ minNoticeMinutes: 60, horizonDays: 2 });
    const summary = summarizeAvailableDays(r, [], firstWeek, now, "Europe/London");
    expect(summary.slice(0, 4)).toEqual([
      day("2026-01-05", 4, "2026-01-05T13:00:00.000Z"),
      day("2026-01-06", 8, "2026-01-06T09:00:00.000Z"),
      day("2026-01-07", 3, "2026-01-07T09:00:00.000Z"),
      day("2026-01-08", 0),
    ]);
  });

  it("counts a date cut by the window's edges only for the slots starting inside the window", () => {
    const window = { from: new Date("2026-01-05T12:00:00Z"), to: new Date("2026-01-06T10:00:00Z") };
    expect(summarizeAvailableDays(weekdays9to17(), [], window, EARLY_NOW, "Europe/London")).toEqual([
      day("2026-01-05", 5, "2026-01-05T12:00:00.000Z"),
      day("2026-01-06", 1, "2026-01-06T09:00:00.000Z"),
    ]);
  });
});

describe("summarizeAvailableDays: agrees with the slots endpoint's computation", () => {
  it("counts, per viewer date, exactly the slots computeAvailableSlotTexts lists for a month of 15-minute slots", () => {
    const r = aroundTheClock({ timeZone: "Europe/Berlin", slotMinutes: 15, capacity: 2, bufferAfterMinutes: 15 });
    const occupied: OccupiedInterval[] = [];
    // Bookings scattered over the month, some overlapping so that a few slots lose both seats.
    for (let hour = 0; hour < 31 * 24; hour += 7) {
      const start = Date.parse("2026-03-01T00:00:00Z") + hour * 3_600_000;
      occupied.push({ start: new Date(start), end: new Date(start + 45 * 60_000), seats: 1 });
      if (hour % 3 === 0) occupied.push({ start: new Date(start), end: new Date(start + 30 * 60_000), seats: 1 });
    }
    const zone = "America/New_York";
    const window = localDates("2026-03-01", "2026-03-31", zone);
    const now = new Date("2026-03-04T13:07:00Z");
    const slots = computeAvailableSlotTexts(r, occupied, window, now);
    const expected = new Map<string, AvailableDay>();
    for (let offset = 0; offset < 31; offset++) {
      const iso = DateTime.fromISO("2026-03-01").plus({ days: offset }).toISODate() ?? "";
      expected.set(iso, day(iso, 0));
    }
    for (const slot of slots) {
      const date = DateTime.fromISO(slot.start, { zone }).toISODate() ?? "";
      const entry = expected.get(date);
      if (!entry) throw new Error(`A slot on ${date}, outside the window`);
      entry.firstFreeStart ??= slot.start;
      entry.freeSlots++;
    }
    // Full: the slots offered with nothing booked that are not free.
    const free = new Set(slots.map((slot) => slot.start));
    for (const slot of computeAvailableSlotTexts(r, [], window, now)) {
      if (free.has(slot.start)) continue;
      const entry = expected.get(DateTime.fromISO(slot.start, { zone }).toISODate() ?? "");
      if (entry) entry.fullSlots++;
    }
    const summary = summarizeAvailableDays(r, occupied, window, now, zone);
    expect(summary).toEqual([...expected.values()]);
    expect(summary.reduce((sum, entry) => sum + entry.freeSlots, 0)).toBe(slots.length);
    expect(slots.length).toBeGreaterThan(2000);
    expect(summary.reduce((sum, entry) => sum + entry.fullSlots, 0)).toBeGreaterThan(50);
  });
});
