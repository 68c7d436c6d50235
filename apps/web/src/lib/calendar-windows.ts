import { type CalendarDate, endOfMonth, startOfMonth } from "@internationalized/date";

/** The instants [from, to) of a calendar date in `timeZone`, as the availability endpoints take them. */
export function dayWindow(day: CalendarDate, timeZone: string): { from: string; to: string } {
  return { from: day.toDate(timeZone).toISOString(), to: day.add({ days: 1 }).toDate(timeZone).toISOString() };
}

/** The instants [from, to) of the month that holds `day`, in `timeZone`: one day summary request. */
export function monthWindow(day: CalendarDate, timeZone: string): { from: string; to: string } {
  return { from: dayWindow(startOfMonth(day), timeZone).from, to: dayWindow(endOfMonth(day), timeZone).to };
}
