/**
 * The same wall-clock time `days` calendar days later on the device's clock. Built from the date's
 * parts rather than by adding 24 hours, which would drift by an hour across a daylight-saving change.
 */
export function addDays(date: Date, days: number): Date {
  return new Date(
    date.getFullYear(),
    date.getMonth(),
    date.getDate() + days,
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
    date.getMilliseconds(),
  );
}
