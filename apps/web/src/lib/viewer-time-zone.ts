import { timePreferences } from "./time-preferences-store.js";

/**
 * The IANA zone the person reads times in ("Europe/Berlin"): the one they chose on the resource page, or
 * their device's. Slots and bookings are UTC instants; people read them in their own zone. Components
 * call `useTimePreferences` to draw again when it changes.
 */
export function viewerTimeZone(): string {
  return timePreferences().timeZone;
}
