import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  type AvailabilityRules,
  computeAvailableSlots,
  isValidTimeZone,
  type OccupiedInterval,
  occupiedRange,
  type Slot,
} from "./index.js";

// Calendar used below (2026): Mon 1 June, Sun 7 June, Mon 8 June; Sundays 22 and 29 March, 18 and 25 October.
// Berlin is UTC+2 in June (CEST), so 09:00 local is 07:00Z.

const EARLY_NOW = new Date("2026-01-01T00:00:00Z");

function rules(overrides: Partial<AvailabilityRules> = {}): AvailabilityRules {
  return {
    timeZone: "Europe/Berlin",
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

function window(from: string, to: string): { from: Date; to: Date } {
  return { from: new Date(from), to: new Date(to) };
}

function starts(slots: Slot[]): string[] {
  return slots.map((slot) => slot.start.toISOString());
}

/** The slots of one local day in the rules' zone (a window of that local date, padded by a day each side to catch strays). */
function slotsAround(r: AvailabilityRules, isoDate: string, occupied: OccupiedInterval[] = [], now = EARLY_NOW): Slot[] {
  const day = DateTime.fromISO(isoDate, { zone: r.timeZone });
  return computeAvailableSlots(
    r,
    occupied,
    { from: day.minus({ days: 1 }).toJSDate(), to: day.plus({ days: 2 }).toJSDate() },
    now,
  );
}

describe("computeAvailableSlots: weekly hours", () => {
  it("offers slots on the ISO weekdays of the weekly hours only, in the resource's zone", () => {
    const r = rules({
      weeklyHours: [
        { weekday: 1, start: "09:00", end: "12:00" },
        { weekday: 7, start: "09:00", end: "10:00" },
      ],
    });
    const slots = computeAvailableSlots(r, [], window("2026-06-01T00:00:00Z", "2026-06-08T00:00:00Z"), EARLY_NOW);
    expect(slots).toEqual([
      { start: new Date("2026-06-01T07:00:00Z"), end: new Date("2026-06-01T08:00:00Z"), seatsLeft: 1 },
      { start: new Date("2026-06-01T08:00:00Z"), end: new Date("2026-06-01T09:00:00Z"), seatsLeft: 1 },
      { start: new Date("2026-06-01T09:00:00Z"), end: new Date("2026-06-01T10:00:00Z"), seatsLeft: 1 },
      // weekday 7 is Sunday, not 0.
      { start: new Date("2026-06-07T07:00:00Z"), end: new Date("2026-06-07T08:00:00Z"), seatsLeft: 1 },
    ]);
  });

  it("offers the slots of every interval of a weekday", () => {
    const r = rules({
      weeklyHours: [
        { weekday: 1, start: "09:00", end: "11:00" },
        { weekday: 1, start: "14:00", end: "16:00" },
      ],
    });
    expect(starts(slotsAround(r, "2026-06-01"))).toEqual([
      "2026-06-01T07:00:00.000Z",
      "2026-06-01T08:00:00.000Z",
      "2026-06-01T12:00:00.000Z",
      "2026-06-01T13:00:00.000Z",
    ]);
  });

  it("offers a slot once when overlapping intervals both contain it", () => {
    const r = rules({
      weeklyHours: [
        { weekday: 1, start: "09:00", end: "12:00" },
        { weekday: 1, start: "10:00", end: "13:00" },
      ],
    });
    expect(starts(slotsAround(r, "2026-06-01"))).toEqual([
      "2026-06-01T07:00:00.000Z",
      "2026-06-01T08:00:00.000Z",
      "2026-06-01T09:00:00.000Z",
      "2026-06-01T10:00:00.000Z",
    ]);
  });

  it('reads "24:00" as the midnight that ends the day', () => {
    const r = rules({ weeklyHours: [{ weekday: 1, start: "22:00", end: "24:00" }] });
    expect(slotsAround(r, "2026-06-01")).toEqual([
      { start: new Date("2026-06-01T20:00:00Z"), end: new Date("2026-06-01T21:00:00Z"), seatsLeft: 1 },
      { start: new Date("2026-06-01T21:00:00Z"), end: new Date("2026-06-01T22:00:00Z"), seatsLeft: 1 },
    ]);
  });

  it("drops a slot that would run past the end of its interval", () => {
    const r = rules({ weeklyHours: [{ weekday: 1, start: "09:00", end: "11:30" }] });
    expect(starts(slotsAround(r, "2026-06-01"))).toEqual(["2026-06-01T07:00:00.000Z", "2026-06-01T08:00:00.000Z"]);
  });

  it("rejects malformed hours and unknown zones instead of guessing", () => {
    const from = window("2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z");
    expect(() =>
      computeAvailableSlots(rules({ weeklyHours: [{ weekday: 1, start: "9:00", end: "12:00" }] }), [], from, EARLY_NOW),
    ).toThrow(RangeError);
    expect(() =>
      computeAvailableSlots(rules({ weeklyHours: [{ weekday: 1, start: "12:00", end: "09:00" }] }), [], from, EARLY_NOW),
    ).toThrow(RangeError);
    expect(() => computeAvailableSlots(rules({ timeZone: "Mars/Olympus" }), [], from, EARLY_NOW)).toThrow(RangeError);
  });
});

describe("computeAvailableSlots: date overrides", () => {
  const weekly = [{ weekday: 1, start: "09:00", end: "12:00" }];
  const twoMondays = window("2026-06-01T00:00:00Z", "2026-06-09T00:00:00Z");

  it("closes a date with closed: true, whatever its hours say, and leaves the other Mondays open", () => {
    const r = rules({
      weeklyHours: weekly,
      overrides: [{ date: "2026-06-01", closed: true, hours: [{ start: "09:00", end: "12:00" }] }],
    });
    expect(starts(computeAvailableSlots(r, [], twoMondays, EARLY_NOW))).toEqual([
      "2026-06-08T07:00:00.000Z",
      "2026-06-08T08:00:00.000Z",
      "2026-06-08T09:00:00.000Z",
    ]);
  });

  it("replaces the weekly hours of its own date only", () => {
    const r = rules({
      weeklyHours: weekly,
      overrides: [{ date: "2026-06-01", closed: false, hours: [{ start: "13:00", end: "15:00" }] }],
    });
    expect(starts(computeAvailableSlots(r, [], twoMondays, EARLY_NOW))).toEqual([
      "2026-06-01T11:00:00.000Z",
      "2026-06-01T12:00:00.000Z",
      "2026-06-08T07:00:00.000Z",
      "2026-06-08T08:00:00.000Z",
      "2026-06-08T09:00:00.000Z",
    ]);
  });

  it("opens a date that has no weekly hours", () => {
    const r = rules({
      weeklyHours: weekly,
      overrides: [{ date: "2026-06-02", closed: false, hours: [{ start: "10:00", end: "11:00" }] }],
    });
    expect(starts(slotsAround(r, "2026-06-02"))).toEqual([
      "2026-06-01T07:00:00.000Z",
      "2026-06-01T08:00:00.000Z",
      "2026-06-01T09:00:00.000Z",
      "2026-06-02T08:00:00.000Z",
    ]);
  });
});

describe("computeAvailableSlots: notice, horizon and window", () => {
  const r = rules({ weeklyHours: [{ weekday: 1, start: "09:00", end: "12:00" }] }); // 07:00Z, 08:00Z, 09:00Z on Mondays

  it("offers only slots starting at least minNotice after now (a slot exactly at the limit counts)", () => {
    const now = new Date("2026-06-01T07:30:00Z");
    expect(starts(slotsAround({ ...r, minNoticeMinutes: 60 }, "2026-06-01", [], now))).toEqual(["2026-06-01T09:00:00.000Z"]);
    expect(starts(slotsAround({ ...r, minNoticeMinutes: 30 }, "2026-06-01", [], now))).toEqual([
      "2026-06-01T08:00:00.000Z",
      "2026-06-01T09:00:00.000Z",
    ]);
  });

  it("offers only slots starting before now + horizonDays", () => {
    const now = new Date("2026-06-01T08:00:00Z");
    const slots = computeAvailableSlots(
      { ...r, horizonDays: 7 },
      [],
      window("2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z"),
      now,
    );
    // The horizon is 2026-06-08T08:00Z: the 07:00Z slot that day starts before it, the 08:00Z one does not.
    expect(starts(slots)).toEqual(["2026-06-01T08:00:00.000Z", "2026-06-01T09:00:00.000Z", "2026-06-08T07:00:00.000Z"]);
  });

  it("counts the horizon in calendar days of the resource's zone, across a DST change", () => {
    // now is Sunday 2026-03-22 09:00 CET; seven calendar days later is Sunday 2026-03-29 09:00 CEST = 07:00Z
    // (seven times 24 hours would be 08:00Z).
    const sunday = rules({ weeklyHours: [{ weekday: 7, start: "08:00", end: "12:00" }], horizonDays: 7 });
    const slots = computeAvailableSlots(
      sunday,
      [],
      window("2026-03-23T00:00:00Z", "2026-04-01T00:00:00Z"),
      new Date("2026-03-22T08:00:00Z"),
    );
    expect(starts(slots)).toEqual(["2026-03-29T06:00:00.000Z"]);
  });

  it("offers slots starting in [window.from, window.to) only", () => {
    expect(starts(computeAvailableSlots(r, [], window("2026-06-01T08:00:00Z", "2026-06-01T09:00:00Z"), EARLY_NOW))).toEqual([
      "2026-06-01T08:00:00.000Z",
    ]);
    // A slot that started before the window is not offered even though it ends inside it.
    expect(starts(computeAvailableSlots(r, [], window("2026-06-01T07:30:00Z", "2026-06-01T09:00:01Z"), EARLY_NOW))).toEqual([
      "2026-06-01T08:00:00.000Z",
      "2026-06-01T09:00:00.000Z",
    ]);
    expect(computeAvailableSlots(r, [], window("2026-06-01T09:00:00Z", "2026-06-01T09:00:00Z"), EARLY_NOW)).toEqual([]);
  });
});

describe("computeAvailableSlots: buffers and seats", () => {
  it("widens a booking by the buffers", () => {
    const range = occupiedRange(
      { bufferBeforeMinutes: 15, bufferAfterMinutes: 30 },
      new Date("2026-06-01T08:00:00Z"),
      new Date("2026-06-01T09:00:00Z"),
    );
    expect(range).toEqual({ start: new Date("2026-06-01T07:45:00Z"), end: new Date("2026-06-01T09:30:00Z") });
  });

  it("removes the slots whose buffered range touches a booking's buffered range", () => {
    // 30-minute slots 08:00–14:00 local (06:00Z–11:30Z); one booking 10:00–11:00 local (08:00Z–09:00Z); buffers 30/30.
    const r = rules({
      slotMinutes: 30,
      bufferBeforeMinutes: 30,
      bufferAfterMinutes: 30,
      weeklyHours: [{ weekday: 1, start: "08:00", end: "14:00" }],
    });
    const booking = occupiedRange(r, new Date("2026-06-01T08:00:00Z"), new Date("2026-06-01T09:00:00Z"));
    const slots = slotsAround(r, "2026-06-01", [{ ...booking, seats: 1 }]);
    // The booking holds [07:30Z, 09:30Z); a slot s holds [s − 30, s + 60). 07:00Z and 09:30Z only clash through
    // the slot's own buffers; 06:30Z and 10:00Z just touch the booking's range, which half-open ranges allow.
    expect(starts(slots)).toEqual([
      "2026-06-01T06:00:00.000Z",
      "2026-06-01T06:30:00.000Z",
      "2026-06-01T10:00:00.000Z",
      "2026-06-01T10:30:00.000Z",
      "2026-06-01T11:00:00.000Z",
      "2026-06-01T11:30:00.000Z",
    ]);
  });

  it("subtracts the seats of every overlapping booking from the capacity and omits full slots", () => {
    const r = rules({ capacity: 3, weeklyHours: [{ weekday: 1, start: "09:00", end: "12:00" }] });
    const occupied: OccupiedInterval[] = [
      { start: new Date("2026-06-01T07:00:00Z"), end: new Date("2026-06-01T08:00:00Z"), seats: 2 },
      { start: new Date("2026-06-01T08:00:00Z"), end: new Date("2026-06-01T09:00:00Z"), seats: 1 },
      { start: new Date("2026-06-01T08:30:00Z"), end: new Date("2026-06-01T09:30:00Z"), seats: 2 },
    ];
    expect(slotsAround(r, "2026-06-01", occupied)).toEqual([
      { start: new Date("2026-06-01T07:00:00Z"), end: new Date("2026-06-01T08:00:00Z"), seatsLeft: 1 },
      // 08:00Z is full (1 + 2 seats); 09:00Z overlaps only the last booking.
      { start: new Date("2026-06-01T09:00:00Z"), end: new Date("2026-06-01T10:00:00Z"), seatsLeft: 1 },
    ]);
  });

  // The second case adds a booking that spans 400,000 years, which makes the sweep sort with a comparator
  // instead of packed keys (see count-seats-taken.ts); both paths must agree with the pairwise count.
  it.each([
    { name: "many unsorted bookings", extra: [] },
    {
      name: "many unsorted bookings and one spanning millennia",
      extra: [{ start: new Date(-6e15), end: new Date(6e15), seats: 1 }],
    },
  ])("counts seats like a pairwise overlap check, for $name", ({ extra }) => {
    const r = rules({
      slotMinutes: 15,
      capacity: 6,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 5,
      weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
    });
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const base = Date.parse("2026-06-01T00:00:00Z");
    const occupied: OccupiedInterval[] = [
      ...Array.from({ length: 400 }, () => {
        const start = base + Math.floor(random() * 3 * 24 * 60) * 60_000;
        return {
          start: new Date(start),
          end: new Date(start + Math.floor(1 + random() * 120) * 60_000),
          seats: 1 + Math.floor(random() * 2),
        };
      }),
      ...extra,
    ];
    const w = window("2026-06-01T00:00:00Z", "2026-06-04T00:00:00Z");
    const slots = computeAvailableSlots(r, occupied, w, EARLY_NOW);

    const expected: { start: string; seatsLeft: number }[] = [];
    for (let start = w.from.getTime(); start < w.to.getTime(); start += 15 * 60_000) {
      const from = start - 10 * 60_000;
      const to = start + 20 * 60_000;
      const taken = occupied.filter((o) => o.start.getTime() < to && from < o.end.getTime()).reduce((sum, o) => sum + o.seats, 0);
      if (r.capacity - taken > 0) expected.push({ start: new Date(start).toISOString(), seatsLeft: r.capacity - taken });
    }
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(288); // some slots really are full
    expect(slots.map((s) => ({ start: s.start.toISOString(), seatsLeft: s.seatsLeft }))).toEqual(expected);
  });
});

describe("computeAvailableSlots: daylight saving", () => {
  it("relies on these transitions in the time-zone data (checked with luxon)", () => {
    const offset = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).offset;
    // Europe/Berlin: +01:00 → +02:00 at 01:00Z on 2026-03-29, back at 01:00Z on 2026-10-25.
    expect([offset("2026-03-29T00:59:00Z", "Europe/Berlin"), offset("2026-03-29T01:00:00Z", "Europe/Berlin")]).toEqual([60, 120]);
    expect([offset("2026-10-25T00:59:00Z", "Europe/Berlin"), offset("2026-10-25T01:00:00Z", "Europe/Berlin")]).toEqual([120, 60]);
    // America/New_York: −05:00 → −04:00 at 07:00Z on 2026-03-08, back at 06:00Z on 2026-11-01.
    expect([offset("2026-03-08T06:59:00Z", "America/New_York"), offset("2026-03-08T07:00:00Z", "America/New_York")]).toEqual([
      -300, -240,
    ]);
    expect([offset("2026-11-01T05:59:00Z", "America/New_York"), offset("2026-11-01T06:00:00Z", "America/New_York")]).toEqual([
      -240, -300,
    ]);
    // Australia/Lord_Howe shifts by 30 minutes: +11:00 → +10:30 at 02:00 local on 2026-04-05 (15:00Z on the 4th),
    // +10:30 → +11:00 at 02:00 local on 2026-10-04 (15:30Z on the 3rd).
    expect([
      offset("2026-04-04T14:59:00Z", "Australia/Lord_Howe"),
      offset("2026-04-04T15:00:00Z", "Australia/Lord_Howe"),
    ]).toEqual([660, 630]);
    expect([
      offset("2026-10-03T15:29:00Z", "Australia/Lord_Howe"),
      offset("2026-10-03T15:30:00Z", "Australia/Lord_Howe"),
    ]).toEqual([630, 660]);
  });

  describe("Europe/Berlin", () => {
    const sunday = (start: string, end: string, slotMinutes = 60) =>
      rules({ slotMinutes, weeklyHours: [{ weekday: 7, start, end }] });

    it("maps 09:00 local to 08:00Z before spring forward and 07:00Z after, and back after fall back", () => {
      const r = sunday("09:00", "10:00");
      expect(starts(slotsAround(r, "2026-03-22"))).toEqual(["2026-03-22T08:00:00.000Z"]);
      expect(starts(slotsAround(r, "2026-03-29"))).toEqual(["2026-03-29T07:00:00.000Z"]);
      expect(starts(slotsAround(r, "2026-10-18"))).toEqual(["2026-10-18T07:00:00.000Z"]);
      expect(starts(slotsAround(r, "2026-10-25"))).toEqual(["2026-10-25T08:00:00.000Z"]);
    });

    it("gives 01:00–04:00 two hours of slots on the spring-forward day", () => {
      expect(slotsAround(sunday("01:00", "04:00"), "2026-03-29")).toEqual([
        { start: new Date("2026-03-29T00:00:00Z"), end: new Date("2026-03-29T01:00:00Z"), seatsLeft: 1 }, // 01:00 CET
        { start: new Date("2026-03-29T01:00:00Z"), end: new Date("2026-03-29T02:00:00Z"), seatsLeft: 1 }, // 03:00 CEST
      ]);
    });

    it("gives 01:00–04:00 four hours of slots on the fall-back day", () => {
      expect(starts(slotsAround(sunday("01:00", "04:00"), "2026-10-25"))).toEqual([
        "2026-10-24T23:00:00.000Z", // 01:00 CEST
        "2026-10-25T00:00:00.000Z", // 02:00 CEST
        "2026-10-25T01:00:00.000Z", // 02:00 CET
        "2026-10-25T02:00:00.000Z", // 03:00 CET, ends at 04:00 CET = 03:00Z
      ]);
    });

    it("moves a start inside the spring-forward gap forward (02:30 → 03:30 CEST)", () => {
      expect(starts(slotsAround(sunday("02:30", "04:00", 30), "2026-03-29"))).toEqual(["2026-03-29T01:30:00.000Z"]);
    });

    it("places an ambiguous fall-back start at the earlier offset (02:30 CEST, not CET)", () => {
      expect(starts(slotsAround(sunday("02:30", "04:00", 30), "2026-10-25"))).toEqual([
        "2026-10-25T00:30:00.000Z",
        "2026-10-25T01:00:00.000Z",
        "2026-10-25T01:30:00.000Z",
        "2026-10-25T02:00:00.000Z",
        "2026-10-25T02:30:00.000Z",
      ]);
    });
  });

  describe("America/New_York", () => {
    const sunday = (start: string, end: string) =>
      rules({ timeZone: "America/New_York", weeklyHours: [{ weekday: 7, start, end }] });

    it("maps 09:00 local to 14:00Z before spring forward and 13:00Z after, and back after fall back", () => {
      const r = sunday("09:00", "10:00");
      expect(starts(slotsAround(r, "2026-03-01"))).toEqual(["2026-03-01T14:00:00.000Z"]);
      expect(starts(slotsAround(r, "2026-03-08"))).toEqual(["2026-03-08T13:00:00.000Z"]);
      expect(starts(slotsAround(r, "2026-10-25"))).toEqual(["2026-10-25T13:00:00.000Z"]);
      expect(starts(slotsAround(r, "2026-11-01"))).toEqual(["2026-11-01T14:00:00.000Z"]);
    });

    it("gives 01:00–04:00 two slots on 2026-03-08", () => {
      expect(starts(slotsAround(sunday("01:00", "04:00"), "2026-03-08"))).toEqual([
        "2026-03-08T06:00:00.000Z", // 01:00 EST
        "2026-03-08T07:00:00.000Z", // 03:00 EDT, ends at 04:00 EDT = 08:00Z
      ]);
    });

    it("gives 01:00–04:00 four slots on 2026-11-01, starting at the earlier 01:00 (EDT)", () => {
      expect(starts(slotsAround(sunday("01:00", "04:00"), "2026-11-01"))).toEqual([
        "2026-11-01T05:00:00.000Z", // 01:00 EDT
        "2026-11-01T06:00:00.000Z", // 01:00 EST
        "2026-11-01T07:00:00.000Z", // 02:00 EST
        "2026-11-01T08:00:00.000Z", // 03:00 EST, ends at 04:00 EST = 09:00Z
      ]);
    });
  });

  describe("Australia/Lord_Howe (30-minute shift)", () => {
    const sunday = (start: string, end: string, slotMinutes = 30) =>
      rules({ timeZone: "Australia/Lord_Howe", slotMinutes, weeklyHours: [{ weekday: 7, start, end }] });

    it("maps 09:00 local to UTC 30 minutes apart on either side of each change", () => {
      const r = sunday("09:00", "09:30");
      expect(starts(slotsAround(r, "2026-03-29"))).toEqual(["2026-03-28T22:00:00.000Z"]); // +11:00
      expect(starts(slotsAround(r, "2026-04-05"))).toEqual(["2026-04-04T22:30:00.000Z"]); // +10:30
      expect(starts(slotsAround(r, "2026-09-27"))).toEqual(["2026-09-26T22:30:00.000Z"]); // +10:30
      expect(starts(slotsAround(r, "2026-10-04"))).toEqual(["2026-10-03T22:00:00.000Z"]); // +11:00
    });

    it("gives 01:00–03:00 two and a half real hours on 2026-04-05", () => {
      expect(starts(slotsAround(sunday("01:00", "03:00"), "2026-04-05"))).toEqual([
        "2026-04-04T14:00:00.000Z", // 01:00 +11:00
        "2026-04-04T14:30:00.000Z", // 01:30 +11:00
        "2026-04-04T15:00:00.000Z", // 01:30 +10:30
        "2026-04-04T15:30:00.000Z", // 02:00 +10:30
        "2026-04-04T16:00:00.000Z", // 02:30 +10:30, ends at 03:00 +10:30 = 16:30Z
      ]);
    });

    it("gives 01:00–03:00 one and a half real hours on 2026-10-04", () => {
      expect(starts(slotsAround(sunday("01:00", "03:00"), "2026-10-04"))).toEqual([
        "2026-10-03T14:30:00.000Z", // 01:00 +10:30
        "2026-10-03T15:00:00.000Z", // 01:30 +10:30
        "2026-10-03T15:30:00.000Z", // 02:30 +11:00, ends at 03:00 +11:00 = 16:00Z
      ]);
    });

    it("steps hour slots in real time across the change, so they start on half hours afterwards", () => {
      // 00:00 +11:00 = 13:00Z to 04:00 +10:30 = 17:30Z: four whole hours fit, the last from 02:30 to 03:30 local.
      expect(starts(slotsAround(sunday("00:00", "04:00", 60), "2026-04-05"))).toEqual([
        "2026-04-04T13:00:00.000Z",
        "2026-04-04T14:00:00.000Z",
        "2026-04-04T15:00:00.000Z",
        "2026-04-04T16:00:00.000Z",
      ]);
    });
  });
});

describe("computeAvailableSlots: local dates differ from UTC dates", () => {
  it("uses Auckland's weekdays and dates for a window that is one UTC date", () => {
    // 2026-05-31T09:00Z–22:00Z is Sunday 21:00 to Monday 10:00 in Auckland (NZST, +12:00).
    const r = rules({
      timeZone: "Pacific/Auckland",
      weeklyHours: [
        { weekday: 7, start: "22:00", end: "24:00" },
        { weekday: 1, start: "08:00", end: "10:00" },
      ],
    });
    const w = window("2026-05-31T09:00:00Z", "2026-05-31T22:00:00Z");
    expect(starts(computeAvailableSlots(r, [], w, EARLY_NOW))).toEqual([
      "2026-05-31T10:00:00.000Z", // Sunday 22:00
      "2026-05-31T11:00:00.000Z", // Sunday 23:00
      "2026-05-31T20:00:00.000Z", // Monday 08:00
      "2026-05-31T21:00:00.000Z", // Monday 09:00
    ]);
    // An override names the local date: closing 2026-06-01 removes the Monday slots, although they fall on 31 May in UTC.
    const closedMonday = { ...r, overrides: [{ date: "2026-06-01", closed: true, hours: [] }] };
    expect(starts(computeAvailableSlots(closedMonday, [], w, EARLY_NOW))).toEqual([
      "2026-05-31T10:00:00.000Z",
      "2026-05-31T11:00:00.000Z",
    ]);
  });

  it("uses Los Angeles's Monday evening although UTC is already Tuesday", () => {
    const r = rules({ timeZone: "America/Los_Angeles", weeklyHours: [{ weekday: 1, start: "17:00", end: "19:00" }] });
    const w = window("2026-06-01T20:00:00Z", "2026-06-02T03:00:00Z");
    expect(starts(computeAvailableSlots(r, [], w, EARLY_NOW))).toEqual(["2026-06-02T00:00:00.000Z", "2026-06-02T01:00:00.000Z"]);
  });
});

describe("isValidTimeZone", () => {
  it("accepts IANA zones and rejects unknown names", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Australia/Lord_Howe")).toBe(true);
    expect(isValidTimeZone("Europe/Atlantis")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});
