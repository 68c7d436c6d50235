/** A duration for people: "45 min", "1 h", "1 h 30 min", "2 days". */
export function formatMinutes(minutes: number): string {
  if (minutes > 0 && minutes % (24 * 60) === 0) {
    const days = minutes / (24 * 60);
    return days === 1 ? "1 day" : `${days} days`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
