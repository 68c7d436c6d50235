import { formatMoney as formatMoneyIn } from "@bookable/validators";
import type { BookingEmailDetails, Money } from "./email-data.js";

// Emails and SMS are rendered on the server for one reader; the locale is fixed so the output is the same on every
// machine (and in the snapshots). Dates and times are assembled from parts, not from the locale's own pattern, so an
// ICU update cannot move a comma.
const LOCALE = "en-GB";

interface WallClock {
  /** "2026-12-01": compares local dates. */
  dateKey: string;
  /** "Tuesday 1 December 2026". */
  longDate: string;
  /** "Tue 1 Dec". */
  shortDate: string;
  year: string;
  /** "09:00" (h23) or "9:00 AM" (h12). */
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for a zone the runtime does not know.
    formatter = new Intl.DateTimeFormat(LOCALE, {
      timeZone,
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone if the runtime knows it, else null (the attendee's zone comes from a browser and is not trusted). */
export function knownTimeZone(timeZone: string | null): string | null {
  if (!timeZone) return null;
  try {
    formatterFor(timeZone);
    return timeZone;
  } catch {
    return null;
  }
}

export function parseInstant(iso: string, what: string): Date {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${what} is not a valid ISO instant: ${JSON.stringify(iso)}`);
  return instant;
}

const MONTH_NUMBERS: Record<string, string> = {
  January: "01",
  February: "02",
  March: "03",
  April: "04",
  May: "05",
  June: "06",
  July: "07",
  August: "08",
  September: "09",
  October: "10",
  November: "11",
  December: "12",
};

export type HourCycle = "h12" | "h23";

function clockTime(hour: string, minute: string, hourCycle: HourCycle): string {
  if (hourCycle === "h23") return `${hour}:${minute}`;
  // Built by hand, not by Intl: its "9:00 AM" carries a narrow no-break space, which is not GSM-7 (SMS).
  const value = Number(hour);
  return `${value % 12 || 12}:${minute} ${value < 12 ? "AM" : "PM"}`;
}

function wallClock(instant: Date, timeZone: string, hourCycle: HourCycle): WallClock {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  const weekday = part("weekday");
  const day = part("day");
  const month = part("month");
  const year = part("year");
  return {
    dateKey: `${year}-${MONTH_NUMBERS[month] ?? month}-${day.padStart(2, "0")}`,
    longDate: `${weekday} ${day} ${month} ${year}`,
    // Three letters, not CLDR's abbreviations (en-GB writes "Sept").
    shortDate: `${weekday.slice(0, 3)} ${day} ${month.slice(0, 3)}`,
    year,
    time: clockTime(part("hour"), part("minute"), hourCycle),
  };
}

// CLDR gives a zone's abbreviation only in locales where it is widely understood ("EST" in en-US, "CET" in en-GB,
// "AEDT" in en-AU, "IST" in en-IN); elsewhere it writes "GMT+1". These locales are asked in turn.
const ZONE_NAME_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN"] as const;
const GMT_OFFSET = /^GMT([+-]\d{1,2}(?::\d{2})?)$/;
const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneNameIn(locale: string, timeZone: string, instant: Date): string {
  const key = `${locale} ${timeZone}`;
  let formatter = zoneNameFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" });
    zoneNameFormatters.set(key, formatter);
  }
  return formatter.formatToParts(instant).find((part) => part.type === "timeZoneName")?.value ?? "";
}

/**
 * The zone's short name at that instant: "CET", "EST", "BST", "UTC"; when no English locale has an
 * abbreviation, the offset as "UTC+9" (not "GMT+9", which reads like British time).
 */
export function zoneShortName(timeZone: string, instant: Date): string {
  let offsetName = "";
  for (const locale of ZONE_NAME_LOCALES) {
    const name = zoneNameIn(locale, timeZone, instant);
    const offset = GMT_OFFSET.exec(name);
    // Plain "GMT" (London in winter) is a name; only an offset form falls through to the next locale.
    if (!offset?.[1]) return name;
    offsetName ||= `UTC${offset[1]}`;
  }
  return offsetName;
}

interface ZoneRendering {
  dateKey: string;
  /** The moment or range with its date(s). */
  full: string;
  /** Without the date, when the whole thing falls on `dateKey`; null when it spans days. */
  timeOnly: string | null;
}

/** How a text in one zone is labelled: first (the reader's own zone) and, when it differs, the resource's. */
interface ZoneStyle {
  first: (text: string, zone: string) => string;
  resource: (text: string, zone: string) => string;
}

/**
 * The text in the attendee's zone when it is known, else in the resource's; then, when the attendee's zone shows
 * different wall-clock times from the resource's (Europe/Paris and Europe/Berlin show the same), the resource's
 * as well, without the date when it is the same local date. Every time carries its zone's short name.
 */
function inReadersZone(
  booking: BookingEmailDetails,
  render: (zone: string) => ZoneRendering,
  style: ZoneStyle,
): { first: string; resource: string | null } {
  const resourceZone = booking.resourceTimeZone;
  const inResource = render(resourceZone);
  const zone = knownTimeZone(booking.attendeeTimeZone);
  if (!zone) return { first: style.first(inResource.full, resourceZone), resource: null };
  const inAttendee = render(zone);
  const first = style.first(inAttendee.full, zone);
  if (inAttendee.full === inResource.full) return { first, resource: null };
  const text = inAttendee.dateKey === inResource.dateKey && inResource.timeOnly ? inResource.timeOnly : inResource.full;
  return { first, resource: style.resource(text, resourceZone) };
}

const EMAIL_STYLE: ZoneStyle = {
  first: (text, zone) => `${text} (${zone})`,
  resource: (text, zone) => `${text} local time at the resource (${zone})`,
};

function hourCycleOf(booking: BookingEmailDetails): HourCycle {
  return booking.attendeeHourCycle ?? "h23";
}

/** "09:00–10:00 CET" or "9:00 AM – 10:00 AM EST" on one side of a range; the zone's name after the end. */
function rangeRendering(
  booking: BookingEmailDetails,
  start: Date,
  end: Date,
  zone: string,
  format: "long" | "sms",
): ZoneRendering {
  const hourCycle = hourCycleOf(booking);
  const from = wallClock(start, zone, hourCycle);
  const to = wallClock(end, zone, hourCycle);
  const fromZone = zoneShortName(zone, start);
  const toZone = zoneShortName(zone, end);
  // A range across a change of offset (CEST to CET) names both; otherwise the name follows the end time only.
  const fromTime = fromZone === toZone ? from.time : `${from.time} ${fromZone}`;
  const toTime = `${to.time} ${toZone}`;
  // Email: "Tuesday 1 December 2026, 09:00–10:00 CET"; SMS: "Tue 1 Dec 2026, 09:00-10:00 CET" (ASCII keeps it one
  // GSM-7 segment). 12-hour times are spaced around the dash, as "9:00 AM – 10:00 AM".
  const date = (clock: WallClock) => (format === "long" ? clock.longDate : `${clock.shortDate} ${clock.year}`);
  const dash = format === "long" ? "–" : "-";
  if (from.dateKey === to.dateKey) {
    const times = hourCycle === "h12" ? `${fromTime} ${dash} ${toTime}` : `${fromTime}${dash}${toTime}`;
    return { dateKey: from.dateKey, full: `${date(from)}, ${times}`, timeOnly: times };
  }
  return {
    dateKey: from.dateKey,
    full: `${date(from)}, ${fromTime} ${dash} ${date(to)}, ${toTime}`,
    timeOnly: null,
  };
}

export interface BookingTimes {
  /** In the attendee's zone when known, else the resource's: "Tuesday 1 December 2026, 03:00–04:00 EST (America/New_York)". */
  first: string;
  /** "09:00–10:00 CET local time at the resource (Europe/Berlin)", or null when the same as `first` or not needed. */
  resource: string | null;
  /** Both, joined by an em dash, or the first alone. */
  combined: string;
}

export function bookingTimes(booking: BookingEmailDetails): BookingTimes {
  const start = parseInstant(booking.start, "booking.start");
  const end = parseInstant(booking.end, "booking.end");
  const { first, resource } = inReadersZone(booking, (zone) => rangeRendering(booking, start, end, zone, "long"), EMAIL_STYLE);
  return { first, resource, combined: resource ? `${first} — ${resource}` : first };
}

/** A moment such as a hold's expiry: "Monday 30 November 2026, 08:30 EST (America/New_York) — 14:30 CET local time …". */
export function momentInBothZones(iso: string, what: string, booking: BookingEmailDetails): BookingTimes {
  const instant = parseInstant(iso, what);
  const { first, resource } = inReadersZone(
    booking,
    (zone) => {
      const clock = wallClock(instant, zone, hourCycleOf(booking));
      const time = `${clock.time} ${zoneShortName(zone, instant)}`;
      return { dateKey: clock.dateKey, full: `${clock.longDate}, ${time}`, timeOnly: time };
    },
    EMAIL_STYLE,
  );
  return { first, resource, combined: resource ? `${first} — ${resource}` : first };
}

/** The zone messages are read in: the attendee's when known, else the resource's. */
export function readersZone(booking: BookingEmailDetails): string {
  return knownTimeZone(booking.attendeeTimeZone) ?? booking.resourceTimeZone;
}

/** "Tue 1 Dec, 03:00 EST" (or "3:00 AM EST") in the reader's zone: for subject lines. */
export function shortStart(booking: BookingEmailDetails): string {
  const start = parseInstant(booking.start, "booking.start");
  const zone = readersZone(booking);
  const clock = wallClock(start, zone, hourCycleOf(booking));
  return `${clock.shortDate}, ${clock.time} ${zoneShortName(zone, start)}`;
}

/** "Tue 1 Dec 2026, 03:00-04:00 EST (09:00-10:00 CET local time)": for SMS, ASCII only. */
export function smsTimes(booking: BookingEmailDetails): string {
  const start = parseInstant(booking.start, "booking.start");
  const end = parseInstant(booking.end, "booking.end");
  const { first, resource } = inReadersZone(booking, (zone) => rangeRendering(booking, start, end, zone, "sms"), {
    first: (text) => text,
    resource: (text) => `${text} local time`,
  });
  return resource ? `${first} (${resource})` : first;
}

/** "€25.00", "¥3,000", "CHF 12.50": the web app's formatter, in English. */
export function formatMoney(money: Money): string {
  return formatMoneyIn(money, "en");
}

/** User-provided text on one line, for subjects and SMS: no control characters, line breaks or runs of spaces. */
export function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029\s]+/gu, " ")
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, "")
    .trim();
}

/** "Hello Ana," or "Hello," for an empty name. */
export function greeting(name: string): string {
  const trimmed = oneLine(name);
  return trimmed ? `Hello ${trimmed},` : "Hello,";
}

export function seatsText(seats: number): string {
  return seats === 1 ? "1 seat" : `${seats} seats`;
}
