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
  /** "09:00", 24-hour. */
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

function wallClock(instant: Date, timeZone: string): WallClock {
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
    time: `${part("hour")}:${part("minute")}`,
  };
}

interface ZoneRendering {
  dateKey: string;
  /** The moment or range with its date(s). */
  full: string;
  /** Without the date, when the whole thing falls on `dateKey`; null when it spans days. */
  timeOnly: string | null;
}

/**
 * The text in the resource's zone, followed by the attendee's when the attendee's zone is known and shows
 * different wall-clock times (Europe/Paris and Europe/Berlin show the same, so only once). The attendee's part
 * leaves out the date when it is the same local date as the resource's.
 */
function inBothZones(
  resourceZone: string,
  attendeeZone: string | null,
  render: (zone: string) => ZoneRendering,
  style: { zoneLabel: (text: string, zone: string) => string; yourTime: (text: string, zone: string) => string },
): { resource: string; attendee: string | null } {
  const inResource = render(resourceZone);
  const resource = style.zoneLabel(inResource.full, resourceZone);
  const zone = knownTimeZone(attendeeZone);
  if (!zone) return { resource, attendee: null };
  const inAttendee = render(zone);
  if (inAttendee.full === inResource.full) return { resource, attendee: null };
  const text = inAttendee.dateKey === inResource.dateKey && inAttendee.timeOnly ? inAttendee.timeOnly : inAttendee.full;
  return { resource, attendee: style.yourTime(text, zone) };
}

const EMAIL_STYLE = {
  zoneLabel: (text: string, zone: string) => `${text} (${zone})`,
  yourTime: (text: string, zone: string) => `${text} in your time zone (${zone})`,
};

function rangeRendering(start: Date, end: Date, zone: string, format: "long" | "sms"): ZoneRendering {
  const from = wallClock(start, zone);
  const to = wallClock(end, zone);
  // Email: "Tuesday 1 December 2026, 09:00–10:00"; SMS: "Tue 1 Dec 2026, 09:00-10:00" (ASCII keeps it one GSM-7 segment).
  const date = (clock: WallClock) => (format === "long" ? clock.longDate : `${clock.shortDate} ${clock.year}`);
  const dash = format === "long" ? "–" : "-";
  if (from.dateKey === to.dateKey) {
    const times = `${from.time}${dash}${to.time}`;
    return { dateKey: from.dateKey, full: `${date(from)}, ${times}`, timeOnly: times };
  }
  return {
    dateKey: from.dateKey,
    full: `${date(from)}, ${from.time} ${dash} ${date(to)}, ${to.time}`,
    timeOnly: null,
  };
}

export interface BookingTimes {
  /** "Tuesday 1 December 2026, 09:00–10:00 (Europe/Berlin)". */
  resource: string;
  /** "03:00–04:00 in your time zone (America/New_York)", or null when not known or not different. */
  attendee: string | null;
  /** Both, joined by an em dash, or the resource's alone. */
  combined: string;
}

export function bookingTimes(booking: BookingEmailDetails): BookingTimes {
  const start = parseInstant(booking.start, "booking.start");
  const end = parseInstant(booking.end, "booking.end");
  const { resource, attendee } = inBothZones(
    booking.resourceTimeZone,
    booking.attendeeTimeZone,
    (zone) => rangeRendering(start, end, zone, "long"),
    EMAIL_STYLE,
  );
  return { resource, attendee, combined: attendee ? `${resource} — ${attendee}` : resource };
}

/** A moment such as a hold's expiry: "Monday 30 November 2026, 14:30 (Europe/Berlin) — 08:30 in your time zone (…)". */
export function momentInBothZones(iso: string, what: string, booking: BookingEmailDetails): BookingTimes {
  const instant = parseInstant(iso, what);
  const { resource, attendee } = inBothZones(
    booking.resourceTimeZone,
    booking.attendeeTimeZone,
    (zone) => {
      const clock = wallClock(instant, zone);
      return { dateKey: clock.dateKey, full: `${clock.longDate}, ${clock.time}`, timeOnly: clock.time };
    },
    EMAIL_STYLE,
  );
  return { resource, attendee, combined: attendee ? `${resource} — ${attendee}` : resource };
}

/** "Tue 1 Dec, 09:00" in the resource's zone: for subject lines. */
export function shortStart(booking: BookingEmailDetails): string {
  const clock = wallClock(parseInstant(booking.start, "booking.start"), booking.resourceTimeZone);
  return `${clock.shortDate}, ${clock.time}`;
}

/** "Tue 1 Dec 2026, 09:00-10:00 Europe/Berlin time (03:00-04:00 your time)": for SMS, ASCII only. */
export function smsTimes(booking: BookingEmailDetails): string {
  const start = parseInstant(booking.start, "booking.start");
  const end = parseInstant(booking.end, "booking.end");
  const { resource, attendee } = inBothZones(
    booking.resourceTimeZone,
    booking.attendeeTimeZone,
    (zone) => rangeRendering(start, end, zone, "sms"),
    { zoneLabel: (text, zone) => `${text} ${zone} time`, yourTime: (text) => `${text} your time` },
  );
  return attendee ? `${resource} (${attendee})` : resource;
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
