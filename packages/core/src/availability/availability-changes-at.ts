import { DateTime } from "luxon";
import type { AvailabilityRules } from "./compute-available-slots.js";
import { localOpeningIntervals } from "./local-opening-intervals.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface AvailabilityTimeFacts {
  /** The first slot start of the answer (epoch ms), if it has one. */
  firstStart: number | undefined;
  /** When the holds that took seats in the answer run out (epoch ms). */
  holdExpiries: readonly number[];
  /** How far ahead to look (a cache bounds an answer's life anyway); beyond it the answer is not promised. */
  lookAheadMs: number;
}

/**
 * The first instant (epoch ms) at which an answer computed at `now` may no longer be what a computation
 * would give, with no write to the database: before it, the answer is exact (issue 12). Time changes an
 * answer in three ways (see `computeAvailableStarts` and `occupiedSeats`):
 * - min notice: the first slot drops out once `now + minNotice` passes its start;
 * - the horizon: a slot beyond `now + horizonDays` comes in once the horizon passes its start;
 * - holds: a held booking's seats are free again once its hold runs out, sweep or no sweep.
 * Returns at most `now + lookAheadMs`.
 */
export function availabilityChangesAt(
  rules: AvailabilityRules,
  window: { from: Date; to: Date },
  now: Date,
  facts: AvailabilityTimeFacts,
): number {
  const nowMs = now.getTime();
  let changesAt = nowMs + facts.lookAheadMs;
  if (facts.firstStart !== undefined) changesAt = Math.min(changesAt, facts.firstStart - rules.minNoticeMinutes * MINUTE);
  for (const expiry of facts.holdExpiries) if (expiry > nowMs) changesAt = Math.min(changesAt, expiry);
  const horizonChange = horizonChangesAt(rules, window, nowMs, changesAt);
  if (horizonChange !== undefined) changesAt = Math.min(changesAt, horizonChange);
  return changesAt;
}

/** When the moving horizon lets in the next slot start of the window, if that is before `until`. */
function horizonChangesAt(rules: AvailabilityRules, window: { from: Date; to: Date }, nowMs: number, until: number) {
  const horizonEndAt = (instant: number) =>
    DateTime.fromMillis(instant, { zone: rules.timeZone }).plus({ days: rules.horizonDays }).toMillis();
  const horizonEnd = horizonEndAt(nowMs);
  const windowEnd = window.to.getTime();
  if (horizonEnd >= windowEnd) return undefined;
  // The horizon moves with the clock (give or take a daylight-saving hour), so the slots it can let in
  // before `until` start in [horizonEnd, horizonEnd + (until - now) + an hour).
  const lookUntil = Math.min(windowEnd, horizonEnd + (until - nowMs) + HOUR);
  const slotLength = rules.slotMinutes * MINUTE;
  let next: number | undefined;
  for (const interval of localOpeningIntervals(rules, Math.max(horizonEnd, window.from.getTime()), lookUntil)) {
    for (let start = interval.start; start + slotLength <= interval.end; start += slotLength) {
      if (start >= horizonEnd && start < lookUntil && start >= window.from.getTime() && (next === undefined || start < next)) {
        next = start;
      }
    }
  }
  if (next === undefined) return undefined;
  // A slot starting at `next` is offered once horizonEnd(t) > next; with the offset of now that is after
  // next - (horizonEnd - now). A daylight-saving change in between can move that by an hour: then be early.
  const offset = horizonEnd - nowMs;
  const estimate = next - offset;
  return horizonEndAt(estimate) > next ? estimate - HOUR : estimate;
}
