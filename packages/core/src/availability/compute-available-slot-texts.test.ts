import { describe, expect, it } from "vitest";
import { type AvailabilityRules, computeAvailableSlots, computeAvailableSlotTexts, type OccupiedInterval } from "./index.js";

const MINUTE = 60_000;
const NOW = new Date("2026-01-01T00:00:00Z");
const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));

function rules(overrides: Partial<AvailabilityRules>): AvailabilityRules {
  return {
    timeZone: "Europe/Berlin",
    slotMinutes: 15,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    horizonDays: 730,
    capacity: 1,
    weeklyHours: everyDay("00:00", "24:00"),
    overrides: [],
    ...overrides,
  };
}

/** A month of bookings of 15–120 minutes starting on whole minutes, 1–2 seats each. */
function bookings(from: string, count: number): OccupiedInterval[] {
  let seed = 3;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  return Array.from({ length: count }, () => {
    const start = Date.parse(from) + Math.floor(random() * 31 * 24 * 60) * MINUTE;
    return {
      start: new Date(start),
      end: new Date(start + (15 + Math.floor(random() * 106)) * MINUTE),
      seats: 1 + Math.floor(random() * 2),
    };
  });
}

/** What the API answered before issue 12: Date slots written with toISOString. */
function throughDates(...args: Parameters<typeof computeAvailableSlots>) {
  return computeAvailableSlots(...args).map((slot) => ({
    start: slot.start.toISOString(),
    end: slot.end.toISOString(),
    seatsLeft: slot.seatsLeft,
  }));
}

describe("computeAvailableSlotTexts", () => {
  const cases: [string, AvailabilityRules, string, OccupiedInterval[]][] = [
    [
      "Berlin around the clock, spring change",
      rules({ capacity: 3 }),
      "2026-03-10T00:00:00Z",
      bookings("2026-03-10T00:00:00Z", 800),
    ],
    ["Berlin around the clock, autumn change", rules({}), "2026-10-10T00:00:00Z", []],
    [
      "New York office hours with buffers and seats",
      rules({
        timeZone: "America/New_York",
        slotMinutes: 25,
        bufferBeforeMinutes: 10,
        bufferAfterMinutes: 5,
        capacity: 4,
        weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "08:30", end: "18:00" })),
        overrides: [{ date: "2026-11-03", closed: true, hours: [] }],
      }),
      "2026-10-20T00:00:00Z",
      bookings("2026-10-20T00:00:00Z", 300),
    ],
    [
      "Lord Howe's 30-minute change, overlapping hours, 45-minute slots",
      rules({
        timeZone: "Australia/Lord_Howe",
        slotMinutes: 45,
        weeklyHours: [...everyDay("00:00", "12:00"), ...everyDay("09:00", "24:00")],
      }),
      "2026-09-20T00:00:00Z",
      [],
    ],
    ["Kathmandu (+05:45), 7-minute slots", rules({ timeZone: "Asia/Kathmandu", slotMinutes: 7 }), "2027-06-15T00:00:00Z", []],
  ];

  it.each(cases)("answers exactly what the Date slots wrote: %s", (_name, r, from, occupied) => {
    const window = { from: new Date(from), to: new Date(Date.parse(from) + 31 * 24 * 60 * MINUTE) };
    const expected = throughDates(r, occupied, window, NOW);
    expect(expected.length).toBeGreaterThan(100);
    const texts = computeAvailableSlotTexts(r, occupied, window, NOW);
    expect(JSON.stringify(texts)).toBe(JSON.stringify(expected));
  });

  it("answers nothing for an empty window or a resource without seats", () => {
    const window = { from: new Date("2026-06-01T00:00:00Z"), to: new Date("2026-06-01T00:00:00Z") };
    expect(computeAvailableSlotTexts(rules({}), [], window, NOW)).toEqual([]);
    const day = { from: new Date("2026-06-01T00:00:00Z"), to: new Date("2026-06-02T00:00:00Z") };
    expect(computeAvailableSlotTexts(rules({ capacity: 0 }), [], day, NOW)).toEqual([]);
  });
});
