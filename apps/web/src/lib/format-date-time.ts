import { type HourCycle, timePreferences } from "./time-preferences-store.js";

export type DateTimeStyle = "time" | "date" | "dayHeading" | "dateTime" | "longDateTime";

const styles: Record<DateTimeStyle, Intl.DateTimeFormatOptions> = {
  time: { timeStyle: "short" },
  date: { dateStyle: "medium" },
  dayHeading: { weekday: "short", day: "numeric", month: "short" },
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  longDateTime: { dateStyle: "full", timeStyle: "short" },
};

// Building a formatter is far slower than using one, and a day of 15-minute slots formats ninety-six.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(style: DateTimeStyle, timeZone: string, hourCycle: HourCycle): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}|${hourCycle}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(undefined, { ...styles[style], timeZone, hourCycle });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * An instant in the person's locale and chosen 12/24-hour clock, in `timeZone` or, without it, in the zone
 * they chose (their device's until they choose). The server sends UTC instants; only the page knows whom
 * it shows them to.
 */
export function formatDateTime(value: string | Date, style: DateTimeStyle, timeZone?: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const preferences = timePreferences();
  return formatterFor(style, timeZone ?? preferences.timeZone, preferences.hourCycle).format(date);
}
