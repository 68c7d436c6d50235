/**
 * A zone as people read it: "Europe/Berlin (GMT+1)". The IANA name says where, the short name says
 * the offset at `at` (it changes with daylight saving time, so it is worked out for that moment).
 */
export function describeTimeZone(timeZone: string, at: Date = new Date()): string {
  const place = timeZone.replaceAll("_", " ");
  try {
    const shortName = new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: "short" })
      .formatToParts(at)
      .find((part) => part.type === "timeZoneName")?.value;
    return shortName && shortName !== place ? `${place} (${shortName})` : place;
  } catch {
    // A zone this browser does not know still has a readable name.
    return place;
  }
}
