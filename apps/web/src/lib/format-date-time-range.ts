import { timePreferences } from "./time-preferences-store.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "Thursday, 12 March 2026, 10:00 – 11:00" in `timeZone` (the person's chosen zone without it), on their
 * chosen 12/24-hour clock. `formatRange` leaves out what both ends share, so a slot within one day names
 * that day once.
 */
export function formatDateTimeRange(start: string, end: string, timeZone?: string): string {
  const { timeZone: chosenZone, hourCycle } = timePreferences();
  const zone = timeZone ?? chosenZone;
  const key = `${zone}|${hourCycle}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short", timeZone: zone, hourCycle });
    formatters.set(key, formatter);
  }
  const from = new Date(start);
  const to = new Date(end);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return `${start} – ${end}`;
  return formatter.formatRange(from, to);
}
