// 1 January 2024 was a Monday, so day `weekday` of that month is that ISO weekday.
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: "long" });

/** "Monday" for ISO weekday 1 … "Sunday" for 7, in the person's language. */
export function weekdayName(weekday: number): string {
  return weekdayFormat.format(new Date(2024, 0, weekday));
}
