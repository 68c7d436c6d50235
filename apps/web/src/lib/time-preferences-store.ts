/**
 * The person's chosen time zone and 12/24-hour clock, kept in localStorage so a reload or a later visit
 * shows times the same way. A plain store (not React state) so that formatting functions outside
 * components read the same choice; `useTimePreferences` subscribes components to it.
 */
export type HourCycle = "h12" | "h23";

export interface TimePreferenceValues {
  /** IANA zone every time is shown in. */
  timeZone: string;
  hourCycle: HourCycle;
}

const ZONE_KEY = "bookable.timeZone";
const HOUR_CYCLE_KEY = "bookable.hourCycle";

/** The device's zone, which the browser also uses for `Date`'s local methods. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The locale's own habit: US English reads "2:30 PM", German "14:30". */
export function localeHourCycle(): HourCycle {
  const cycle = new Intl.DateTimeFormat(undefined, { hour: "numeric" }).resolvedOptions().hourCycle;
  return cycle === "h11" || cycle === "h12" ? "h12" : "h23";
}

/** True for a zone this browser can format in; a stored value may come from another browser or be edited. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}

// Private browsing and sandboxed frames may refuse storage; the choice then lasts for the page's life.
function readStored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}
function writeStored(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Not remembered, still used.
  }
}

function readPreferences(): TimePreferenceValues {
  const zone = readStored(ZONE_KEY);
  const cycle = readStored(HOUR_CYCLE_KEY);
  return {
    timeZone: zone && isKnownTimeZone(zone) ? zone : deviceTimeZone(),
    hourCycle: cycle === "h12" || cycle === "h23" ? cycle : localeHourCycle(),
  };
}

let current: TimePreferenceValues | null = null;
const listeners = new Set<() => void>();

/** The current choice; the same object until it changes (useSyncExternalStore compares by identity). */
export function timePreferences(): TimePreferenceValues {
  current ??= readPreferences();
  return current;
}

export function subscribeTimePreferences(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function updateTimePreferences(change: Partial<TimePreferenceValues>): void {
  const next = { ...timePreferences(), ...change };
  if (next.timeZone !== current?.timeZone) writeStored(ZONE_KEY, next.timeZone);
  if (next.hourCycle !== current?.hourCycle) writeStored(HOUR_CYCLE_KEY, next.hourCycle);
  current = next;
  for (const listener of listeners) listener();
}

// Another tab changing the choice changes it here too.
globalThis.addEventListener?.("storage", (event: StorageEvent) => {
  if (event.key !== ZONE_KEY && event.key !== HOUR_CYCLE_KEY) return;
  current = readPreferences();
  for (const listener of listeners) listener();
});
