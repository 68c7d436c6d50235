// Run with `pnpm exec vitest bench --run packages/core/src/availability`. Vitest 5 benchmarks are
// registered from a test through the `bench` fixture; the reporter prints the statistics, and the
// line logged below gives the plain number the design aims at ("a few milliseconds").
import { test } from "vitest";
import {
  type AvailabilityRules,
  computeAvailableSlots,
  computeAvailableSlotTexts,
  type OccupiedInterval,
  summarizeAvailableDays,
} from "./index.js";

const MINUTE = 60_000;

/** A month of 15-minute slots around the clock, in a zone with a DST change inside the month. */
const rules: AvailabilityRules = {
  timeZone: "Europe/Berlin",
  slotMinutes: 15,
  bufferBeforeMinutes: 10,
  bufferAfterMinutes: 5,
  minNoticeMinutes: 0,
  horizonDays: 365,
  capacity: 16,
  weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
  overrides: [{ date: "2026-03-10", closed: true, hours: [] }],
};
const window = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") };
const now = new Date("2026-02-15T00:00:00Z");

/** 5,000 bookings of 15–120 minutes, 1–2 seats, spread over the month in no particular order. */
function occupiedIntervals(count: number): OccupiedInterval[] {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const span = window.to.getTime() - window.from.getTime();
  return Array.from({ length: count }, () => {
    const start = window.from.getTime() + Math.floor((random() * span) / MINUTE) * MINUTE;
    const minutes = 15 + Math.floor(random() * 106);
    return { start: new Date(start), end: new Date(start + minutes * MINUTE), seats: 1 + Math.floor(random() * 2) };
  });
}

const occupied = occupiedIntervals(5_000);

test("a month of 15-minute slots against 5,000 occupied intervals", async ({ bench }) => {
  const began = performance.now();
  const slots = computeAvailableSlots(rules, occupied, window, now);
  console.log(`one cold run: ${(performance.now() - began).toFixed(2)} ms, ${slots.length} slots offered`);

  await bench("computeAvailableSlots (month, 15 min, 5,000 occupied)", () => {
    computeAvailableSlots(rules, occupied, window, now);
  }).run();
  // What an availability request builds: the answer's strings, without Date objects (issue 12).
  await bench("computeAvailableSlotTexts (month, 15 min, 5,000 occupied)", () => {
    computeAvailableSlotTexts(rules, occupied, window, now);
  }).run();
  // What a day summary request builds: counts per date of another zone, one string per date (issue 12).
  await bench("summarizeAvailableDays (month, 15 min, 5,000 occupied, New York dates)", () => {
    summarizeAvailableDays(rules, occupied, window, now, "America/New_York");
  }).run();
});
