/**
 * The IANA zone of the person's device ("Europe/Berlin"), which the browser also uses for `Date`'s
 * local methods. Slots and bookings are UTC instants; people read them in their own zone.
 */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
