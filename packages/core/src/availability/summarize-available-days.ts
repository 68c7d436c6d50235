import { type AvailabilityRules, computeAvailableStarts, type OccupiedInterval } from "./compute-available-slots.js";
import { localDaysInWindow } from "./local-days-in-window.js";

/** One calendar date of a day summary: how many free and full slots start on it, and the first free one's start. */
export interface AvailableDay {
  /** "YYYY-MM-DD" in the summary's zone. */
  date: string;
  freeSlots: number;
  /**
   * Slots the rules offer on this date with no seat left (taken, held or inside a booking's buffer): the times
   * a waitlist can be joined for, so a booked-out date is still worth opening (issue 15's note).
   */
  fullSlots: number;
  /** UTC instant as `toISOString` writes it (the slots endpoint's form); null when nothing is free. */
  firstFreeStart: string | null;
}

/**
 * The free slots of `computeAvailableStarts`, and the full ones, (same rules, same window) counted per calendar date of
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
  // The same rules with nothing booked: every offered start. A slot offered but not free is full.
  const offered = computeAvailableStarts(rules, [], window, now).starts;
  const days = localDaysInWindow({ from: window.from.getTime(), to: window.to.getTime() }, timeZone);
  const summary: AvailableDay[] = [];
  // Both lists are sorted, so one pass over the starts fills every date.
  let next = 0;
  let nextOffered = 0;
  for (const day of days) {
    while (next < starts.length && (starts[next] ?? 0) < day.start) next++;
    const first = next;
    while (next < starts.length && (starts[next] ?? 0) < day.end) next++;
    while (nextOffered < offered.length && (offered[nextOffered] ?? 0) < day.start) nextOffered++;
    const firstOffered = nextOffered;
    while (nextOffered < offered.length && (offered[nextOffered] ?? 0) < day.end) nextOffered++;
    const firstStart = starts[first];
    summary.push({
      date: day.date,
      freeSlots: next - first,
      fullSlots: nextOffered - firstOffered - (next - first),
      firstFreeStart: next > first && firstStart !== undefined ? new Date(firstStart).toISOString() : null,
    });
  }
  return summary;
}
