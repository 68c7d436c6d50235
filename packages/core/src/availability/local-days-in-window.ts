import { DateTime } from "luxon";
import { localTimeToInstant } from "./local-time-to-instant.js";

/** A calendar date of a zone and the instants it covers, half-open [start, end) in epoch milliseconds. */
export interface LocalDay {
  /** "YYYY-MM-DD" */
  date: string;
  start: number;
  end: number;
}

/**
 * Every calendar date of `zone` that intersects the instants [from, to), in order, with its real extent:
 * a date starts at its first instant (the midnight, or where the clock lands when midnight falls in a
 * daylight-saving gap) and ends where the next date starts, so it lasts 23 or 25 hours on change days.
 * Midnights are converted by `localTimeToInstant`, the same rules the opening hours follow.
 */
export function localDaysInWindow(window: { from: number; to: number }, zone: string): LocalDay[] {
  if (!(window.to > window.from)) return [];
  // Calendar arithmetic on a UTC-held date: only its fields matter, and UTC has no jumps.
  const calendarDateOf = (instant: number) => {
    const local = DateTime.fromMillis(instant, { zone });
    return DateTime.utc(local.year, local.month, local.day);
  };
  const startOf = (date: DateTime) => localTimeToInstant({ year: date.year, month: date.month, day: date.day }, 0, 0, zone);
  const last = calendarDateOf(window.to - 1);
  const days: LocalDay[] = [];
  let date = calendarDateOf(window.from);
  let start = startOf(date);
  while (date <= last) {
    const next = date.plus({ days: 1 });
    const end = startOf(next);
    days.push({ date: date.toISODate() ?? "", start, end });
    date = next;
    start = end;
  }
  return days;
}
