import { DateTime } from "luxon";

/** A calendar date in the resource's zone, as numbers (month 1–12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/**
 * The instant (epoch milliseconds) of the wall-clock time `hour:minute` on `date` in `zone`.
 *
 * Wall-clock times are not one-to-one with instants around daylight-saving changes, so two rules
 * decide, and the rest of the engine relies on them:
 * - A time in a gap (spring forward, e.g. 02:30 in Europe/Berlin on 2026-03-29) does not exist.
 *   Luxon moves it forward by the length of the gap (02:30 → 03:30 CEST); we keep that, so an
 *   opening interval that starts in the gap starts when the clock jumps back into existence.
 * - A time in an overlap (fall back, e.g. 02:30 in Europe/Berlin on 2026-10-25) exists twice. We
 *   take the earlier instant, i.e. the offset in force before the change (02:30 CEST = 00:30 UTC).
 *   Luxon alone is not consistent here (it picks the later instant in Berlin and New York but the
 *   earlier one in Australia/Lord_Howe), so we ask it for every candidate and choose ourselves.
 */
export function localTimeToInstant(date: LocalDate, hour: number, minute: number, zone: string): number {
  // Zone rules do not change while the process runs, so each conversion is remembered; availability
  // requests convert the same few local times over and over (about two thirds of their cost otherwise).
  const key = `${zone}|${date.year}-${date.month}-${date.day}|${hour}:${minute}`;
  const known = remembered.get(key);
  if (known !== undefined) return known;
  const instant = convert(date, hour, minute, zone);
  if (remembered.size >= REMEMBERED_LIMIT) remembered.clear();
  remembered.set(key, instant);
  return instant;
}

const REMEMBERED_LIMIT = 100_000;
const remembered = new Map<string, number>();

function convert(date: LocalDate, hour: number, minute: number, zone: string): number {
  const local = DateTime.fromObject({ ...date, hour, minute }, { zone });
  if (!local.isValid) {
    throw new RangeError(`Cannot place ${hour}:${minute} on ${JSON.stringify(date)} in ${zone}: ${local.invalidReason}`);
  }
  // Empty in a gap (luxon has already moved the time forward), two entries in an overlap.
  let earliest = local.toMillis();
  for (const candidate of local.getPossibleOffsets()) {
    earliest = Math.min(earliest, candidate.toMillis());
  }
  return earliest;
}
