import type { AvailabilityDaysOutput } from "@bookable/validators";
import { type CalendarDate, parseDate, startOfMonth } from "@internationalized/date";

/**
 * The first date on or after `from`, and no later than `last`, that has a free slot, or null. It reads one
 * month's day summary at a time (`readMonth` gets a date of the month), so the common case, a free time
 * this month, costs one request, and a resource booked out for weeks costs one per month to the horizon.
 */
export async function findNextFreeDay(
  from: CalendarDate,
  last: CalendarDate,
  readMonth: (month: CalendarDate) => Promise<AvailabilityDaysOutput>,
): Promise<CalendarDate | null> {
  for (let month = startOfMonth(from); month.compare(last) <= 0; month = month.add({ months: 1 })) {
    const { days } = await readMonth(month);
    for (const day of days) {
      const date = parseDate(day.date);
      if (day.freeSlots > 0 && date.compare(from) >= 0 && date.compare(last) <= 0) return date;
    }
  }
  return null;
}
