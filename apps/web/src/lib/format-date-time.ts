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

function formatterFor(style: DateTimeStyle, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${style}|${timeZone ?? ""}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(undefined, { ...styles[style], timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * An instant in the person's locale, in `timeZone` or, without it, in the device's own zone, which is
 * where the person is. The server sends UTC instants; only the page knows whom it shows them to.
 */
export function formatDateTime(value: string | Date, style: DateTimeStyle, timeZone?: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return formatterFor(style, timeZone).format(date);
}
