/**
 * Monday 00:00 of the week `date` falls in, on the device's clock. Monday because opening hours use ISO
 * weekdays (1 = Monday), so a week on screen matches a week of a resource's schedule.
 */
export function startOfWeek(date: Date): Date {
  const daysSinceMonday = (date.getDay() + 6) % 7;
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - daysSinceMonday);
}
