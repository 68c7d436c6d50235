import { describe, expect, it } from "vitest";
import { availabilityChangesAt } from "./availability-changes-at.js";
import { type AvailabilityRules, computeAvailableSlotTexts } from "./index.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));

function rules(overrides: Partial<AvailabilityRules>): AvailabilityRules {
  return {
    timeZone: "Europe/Berlin",
    slotMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 0,
    horizonDays: 60,
    capacity: 1,
    weeklyHours: everyDay("08:00", "20:00"),
    overrides: [],
    ...overrides,
  };
}

/** The answer as computed at `at`, and the instant it promises to stay the same until. */
function answerAt(r: AvailabilityRules, window: { from: Date; to: Date }, at: number, lookAheadMs = 2 * DAY) {
  const slots = computeAvailableSlotTexts(r, [], window, new Date(at));
  const firstStart = slots[0] ? Date.parse(slots[0].start) : undefined;
  return { slots, changesAt: availabilityChangesAt(r, window, new Date(at), { firstStart, holdExpiries: [], lookAheadMs }) };
}

/** The promise holds up to its last millisecond, and is not early: the answer changes right at it. */
function expectExactChange(r: AvailabilityRules, window: { from: Date; to: Date }, now: number, expected: number) {
  const { slots, changesAt } = answerAt(r, window, now);
  expect(new Date(changesAt).toISOString()).toBe(new Date(expected).toISOString());
  expect(answerAt(r, window, changesAt - 1).slots).toEqual(slots);
  expect(answerAt(r, window, changesAt + 1).slots).not.toEqual(slots);
}

describe("availabilityChangesAt", () => {
  it("is when min notice passes the first slot's start", () => {
    // Berlin is UTC+1 in January: slots start on the hour UTC from 07:00 to 18:00.
    const now = Date.parse("2030-01-07T06:10:00Z");
    const window = { from: new Date(now), to: new Date(now + 3 * DAY) };
    // First slot at least 90 minutes ahead: 08:00 UTC, which drops out after 06:30.
    expectExactChange(rules({ minNoticeMinutes: 90 }), window, now, Date.parse("2030-01-07T06:30:00Z"));
  });

  it("is when the horizon lets in the next slot of a window that reaches past it", () => {
    const now = Date.parse("2030-01-07T09:20:00Z");
    const window = { from: new Date(now), to: new Date(now + 5 * DAY) };
    // The horizon ends 2030-01-09T09:20Z; the slot at 10:00 comes in once it passes 10:00, after 10:00 today.
    expectExactChange(rules({ horizonDays: 2 }), window, now, Date.parse("2030-01-07T10:00:00Z"));
  });

  it("is when the first live hold in the window runs out", () => {
    const now = new Date("2030-01-07T09:20:00Z");
    const window = { from: now, to: new Date(now.getTime() + DAY) };
    const changesAt = availabilityChangesAt(rules({}), window, now, {
      firstStart: Date.parse("2030-01-07T10:00:00Z"),
      holdExpiries: [now.getTime() - MINUTE, now.getTime() + 25 * MINUTE, now.getTime() + 40 * MINUTE],
      lookAheadMs: DAY,
    });
    expect(changesAt).toBe(now.getTime() + 25 * MINUTE);
  });

  it("looks no further ahead than asked", () => {
    const now = Date.parse("2030-01-07T09:20:00Z");
    const window = { from: new Date(now + 10 * DAY), to: new Date(now + 12 * DAY) };
    expect(answerAt(rules({}), window, now, 5 * MINUTE).changesAt).toBe(now + 5 * MINUTE);
  });
});
