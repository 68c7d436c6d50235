import { DateTime } from "luxon";
import type { AvailabilityRules, AvailableStarts, OccupiedInterval, Slot } from "./availability-types.js";
import { countSeatsTaken } from "./count-seats-taken.js";
import { isValidTimeZone } from "./is-valid-time-zone.js";
import { localOpeningIntervals } from "./local-opening-intervals.js";

export type {
  AvailabilityRules,
  AvailableStarts,
  DateOverride,
  OccupiedInterval,
  Slot,
  WeeklyHoursInterval,
} from "./availability-types.js";
export { isValidTimeZone } from "./is-valid-time-zone.js";

const MINUTE = 60_000;

/** The range a booking of [start, end) occupies: widened by the rules' buffers. */
export function occupiedRange(
  rules: Pick<AvailabilityRules, "bufferBeforeMinutes" | "bufferAfterMinutes">,
  start: Date,
  end: Date,
): { start: Date; end: Date } {
  assertBuffers(rules);
  // Buffers are real elapsed minutes, like slot lengths, so plain instant arithmetic is right here.
  return {
    start: new Date(start.getTime() - rules.bufferBeforeMinutes * MINUTE),
    end: new Date(end.getTime() + rules.bufferAfterMinutes * MINUTE),
  };
}

/** Bookable slots as Date objects; see `computeAvailableStarts` for the rules. */
export function computeAvailableSlots(
  rules: AvailabilityRules,
  occupied: readonly OccupiedInterval[],
  window: { from: Date; to: Date },
  now: Date,
): Slot[] {
  const { starts, seatsLeft, slotLength } = computeAvailableStarts(rules, occupied, window, now);
  return starts.map((start, index) => ({
    start: new Date(start),
    end: new Date(start + slotLength),
    seatsLeft: seatsLeft[index] ?? 0,
  }));
}

/**
 * Bookable slots starting in [window.from, window.to), sorted by start, each with seatsLeft > 0.
 * A slot [s, s + slotMinutes) is offered when: it lies inside an opening interval of its local date (the
 * date's override if there is one, else the weekly hours of its weekday); s >= now + minNotice;
 * s < now + horizonDays; and capacity minus the seats of every occupied interval overlapping the slot's
 * occupied range (the slot widened by both buffers) is > 0.
 *
 * Time zones and daylight saving:
 * - Opening hours are wall-clock times of the resource's zone, read in the calendar of the date they
 *   belong to. Each interval's start and end become instants with luxon; a wall-clock time inside a
 *   spring-forward gap moves forward by the gap (luxon's rule), one inside a fall-back overlap takes the
 *   earlier of its two instants (the offset before the change). See `localTimeToInstant`.
 * - Slots are laid out from the interval's start instant in steps of `slotMinutes` of real elapsed
 *   time, and the last one must end by the interval's end instant. An interval's length is therefore
 *   what the clocks did that day: Europe/Berlin 01:00–04:00 gives two 60-minute slots on the
 *   spring-forward day (2 real hours) and four on the fall-back day (4 real hours). Slots after a change
 *   inside an interval keep the real-time rhythm, so with a 30-minute shift (Australia/Lord_Howe) or a
 *   slot length that does not divide the shift they may no longer start on round local times.
 * - The horizon is `horizonDays` calendar days in the resource's zone (same wall-clock time, luxon's
 *   `plus({ days })`), so "30 days ahead" does not drift by an hour across a change. Min notice and
 *   buffers are real elapsed minutes.
 *
 * Slots from overlapping intervals of one date are the same slot when they start at the same instant;
 * each start is offered once.
 */
export function computeAvailableStarts(
  rules: AvailabilityRules,
  occupied: readonly OccupiedInterval[],
  window: { from: Date; to: Date },
  now: Date,
): AvailableStarts {
  assertRules(rules);
  const slotLength = rules.slotMinutes * MINUTE;
  const nowMs = finiteInstant(now, "now");
  const horizonEnd = DateTime.fromMillis(nowMs, { zone: rules.timeZone }).plus({ days: rules.horizonDays }).toMillis();
  // Every filter on the start instant folded into one half-open range [from, to).
  const from = Math.max(finiteInstant(window.from, "window.from"), nowMs + rules.minNoticeMinutes * MINUTE);
  const to = Math.min(finiteInstant(window.to, "window.to"), horizonEnd);
  const available: AvailableStarts = { starts: [], seatsLeft: [], slotLength };
  if (from >= to || rules.capacity <= 0) return available;

  const starts: number[] = [];
  let sorted = true;
  for (const interval of localOpeningIntervals(rules, from, to)) {
    // Real elapsed time from the interval's start; a slot that would run past the end is not offered.
    for (let start = interval.start; start + slotLength <= interval.end; start += slotLength) {
      if (start >= from && start < to) {
        sorted &&= starts.length === 0 || start >= (starts[starts.length - 1] ?? start);
        starts.push(start);
      }
    }
  }
  // Intervals come by date, so the starts usually are in order already; sorting is for overlapping hours.
  if (!sorted) starts.sort((a, b) => a - b);

  // All ranges have one length, so sorting by start sorts their ends too, as the sweep requires.
  const taken = countSeatsTaken(occupied, starts, {
    before: rules.bufferBeforeMinutes * MINUTE,
    after: slotLength + rules.bufferAfterMinutes * MINUTE,
  });
  starts.forEach((start, index) => {
    // Overlapping intervals of one date give the same start twice; each start is offered once.
    if (index > 0 && start === starts[index - 1]) return;
    const seatsLeft = rules.capacity - (taken[index] ?? 0);
    if (seatsLeft > 0) {
      available.starts.push(start);
      available.seatsLeft.push(seatsLeft);
    }
  });
  return available;
}

/** Rules that would loop forever or produce nonsense fail loudly; the API validates them before this. */
function assertRules(rules: AvailabilityRules): void {
  if (!isValidTimeZone(rules.timeZone)) throw new RangeError(`Unknown time zone "${rules.timeZone}"`);
  if (!Number.isFinite(rules.slotMinutes) || rules.slotMinutes <= 0) {
    throw new RangeError(`slotMinutes must be a positive number, got ${rules.slotMinutes}`);
  }
  if (!Number.isFinite(rules.minNoticeMinutes)) throw new RangeError("minNoticeMinutes must be a finite number");
  if (!Number.isInteger(rules.horizonDays) || rules.horizonDays < 0) {
    throw new RangeError(`horizonDays must be a whole number >= 0, got ${rules.horizonDays}`);
  }
  if (!Number.isFinite(rules.capacity)) throw new RangeError("capacity must be a finite number");
  assertBuffers(rules);
}

function assertBuffers(rules: Pick<AvailabilityRules, "bufferBeforeMinutes" | "bufferAfterMinutes">): void {
  for (const [name, value] of [
    ["bufferBeforeMinutes", rules.bufferBeforeMinutes],
    ["bufferAfterMinutes", rules.bufferAfterMinutes],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a number >= 0, got ${value}`);
  }
}

function finiteInstant(date: Date, name: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name} is an invalid date`);
  return ms;
}
