/**
 * "HH:MM" `minutes` after `time`, stopping at "24:00" (the end of the day, as opening hours write it).
 * For suggesting the next interval of a day after the last one.
 */
export function laterTime(time: string, minutes: number): string {
  const [hours = "0", mins = "0"] = time.split(":");
  const total = Math.min(Number(hours) * 60 + Number(mins) + minutes, 24 * 60);
  if (Number.isNaN(total)) return "17:00";
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}
