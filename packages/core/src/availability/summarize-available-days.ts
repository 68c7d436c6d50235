import { type AvailabilityRules, computeAvailableStarts, type OccupiedInterval } from "./compute-available-slots.js";
import { localDaysInWindow } from "./local-days-in-window.js";

/** One calendar date of a day summary: how many free slots start on it, and the first one's start. */
export interface AvailableDay {
  /** "YYYY-MM-DD" in the summary's zone. */
  date: string;
  freeSlots: number;
  /** UTC instant as `toISOString` writes it (the slots endpoint's form); null when nothing is free. */
  firstFreeStart: string | null;
}

/**
 * The free slots of `computeAvailableStarts` (same rules, same window) counted per calendar date of
 * `timeZone`, which may differ from the resource's zone (a viewer's calendar). Every date that intersects
 * [window.from, window.to) is listed, in order, free or not, so a month view can draw each cell.
 *
 * A month is 2,880 fifteen-minute slots; only their millisecond starts are walked and only each date's
 * first free start is written as text, so a month view costs a few dozen strings instead of thousands
 * (issue 12).
 */
export function summarizeAvailableDays(
  rules: AvailabilityRules,
  occupied: readonly OccupiedInterval[],
  window: { from: Date; to: Date },
  now: Date,
  timeZone: string,
): AvailableDay[] {
  const { starts } = computeAvailableStarts(rules, occupied, window, now);
  const days = localDaysInWindow({ from: window.from.getTime(), to: window.to.getTime() }, timeZone);
  const summary: AvailableDay[] = [];
  // Both lists are sorted, so one pass over the starts fills every date.
  let next = 0;
  for (const day of days) {
    while (next < starts.length && (starts[next] ?? 0) < day.start) next++;
    const first = next;
    while (next < starts.length && (starts[next] ?? 0) < day.end) next++;
    const firstStart = starts[first];
    summary.push({
      date: day.date,
      freeSlots: next - first,
      firstFreeStart: next > first && firstStart !== undefined ? new Date(firstStart).toISOString() : null,
    });
  }
  return summary;
}
