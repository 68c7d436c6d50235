import { DateTime } from "luxon";
import type { AvailabilityRules, DateOverride } from "./availability-types.js";
import { localTimeToInstant } from "./local-time-to-instant.js";

/** An opening interval as instants (epoch milliseconds), half-open [start, end). */
export interface OpeningInterval {
  /** The local calendar date ("YYYY-MM-DD") whose hours produced this interval. */
  date: string;
  start: number;
  end: number;
}

const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;

/**
 * The opening intervals, as instants, of every local date in the resource's zone that can hold a slot
 * starting in [from, to). Ordered by date, then in the order the hours are listed.
 *
 * Each date's intervals are read in that date's own calendar: the date's override when there is one
 * (`closed` gives none, otherwise its `hours` replace the weekly ones), else the weekly hours of its ISO
 * weekday. Converting wall-clock times to instants follows `localTimeToInstant` (gap times move forward,
 * overlap times take the earlier offset), so an interval's real length is what the clocks did that day:
 * 01:00–04:00 lasts 2 hours on the Berlin spring-forward day and 4 hours on the fall-back day. An
 * interval lying wholly in a gap (02:15–02:45 that day) can come out empty or inverted; it then simply
 * holds no slot.
 *
 * The dates run from the local date of `from` minus one to the local date of `to` plus one. The padding
 * is cheap and keeps us from reasoning about which edge cases ("24:00" ends, a midnight inside a gap)
 * could put a slot of one date on the neighbouring instant range; the caller filters by instant anyway.
 */
export function localOpeningIntervals(
  rules: Pick<AvailabilityRules, "timeZone" | "weeklyHours" | "overrides">,
  from: number,
  to: number,
): OpeningInterval[] {
  const zone = rules.timeZone;
  const weekly = new Map<number, { start: string; end: string }[]>();
  for (const interval of rules.weeklyHours) {
    if (!Number.isInteger(interval.weekday) || interval.weekday < 1 || interval.weekday > 7) {
      throw new RangeError(`weekday must be an ISO weekday 1–7, got ${interval.weekday}`);
    }
    const list = weekly.get(interval.weekday) ?? [];
    list.push(interval);
    weekly.set(interval.weekday, list);
  }
  // Validation upstream should reject two overrides for one date; if it slips through, the last one wins.
  const overrides = new Map<string, DateOverride>();
  for (const override of rules.overrides) {
    overrides.set(override.date, override);
  }

  // Iterate dates in UTC: only the calendar fields matter here, and UTC has no daylight-saving jumps.
  const first = calendarDateOf(from, zone).minus({ days: 1 });
  const last = calendarDateOf(to, zone).plus({ days: 1 });
  // Each conversion costs luxon several Intl calls; days open around the clock would otherwise convert
  // every midnight twice ("24:00" of one date and "00:00" of the next).
  const instants = new Map<string, number>();
  const instantOf = (day: DateTime, hour: number, minute: number): number => {
    const key = `${day.toISODate()} ${hour}:${minute}`;
    let instant = instants.get(key);
    if (instant === undefined) {
      instant = localTimeToInstant({ year: day.year, month: day.month, day: day.day }, hour, minute, zone);
      instants.set(key, instant);
    }
    return instant;
  };

  const intervals: OpeningInterval[] = [];
  for (let day = first; day <= last; day = day.plus({ days: 1 })) {
    const isoDate = day.toISODate() ?? "";
    const override = overrides.get(isoDate);
    const hours = override ? (override.closed ? [] : override.hours) : (weekly.get(day.weekday) ?? []);
    for (const { start, end } of hours) {
      const [startHour, startMinute] = parseTimeOfDay(start, false);
      const [endHour, endMinute] = parseTimeOfDay(end, true);
      if (endHour * 60 + endMinute <= startHour * 60 + startMinute) {
        throw new RangeError(`An opening interval must end after it starts, got ${start}–${end} on ${isoDate}`);
      }
      intervals.push({
        date: isoDate,
        start: instantOf(day, startHour, startMinute),
        // "24:00" is the midnight that ends the date: 00:00 of the next calendar date (calendar arithmetic
        // on the UTC-held date, not "+ 24 hours"), converted by the same rules as any other time.
        end: endHour === 24 ? instantOf(day.plus({ days: 1 }), 0, 0) : instantOf(day, endHour, endMinute),
      });
    }
  }
  return intervals;
}

/** The local calendar date of an instant in `zone`, as a UTC midnight (used only for its fields). */
function calendarDateOf(instant: number, zone: string): DateTime {
  const local = DateTime.fromMillis(instant, { zone });
  return DateTime.utc(local.year, local.month, local.day);
}

/** "HH:MM" → [hour, minute]; "24:00" only where it means the end of the day. */
function parseTimeOfDay(text: string, isEnd: boolean): [number, number] {
  const match = TIME_OF_DAY.exec(text);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  const valid = match !== null && minute < 60 && (hour < 24 || (isEnd && hour === 24 && minute === 0));
  if (!valid) {
    throw new RangeError(`Expected a time of day "HH:MM"${isEnd ? ' (or "24:00")' : ""}, got "${text}"`);
  }
  return [hour, minute];
}
