import { useCallback, useSyncExternalStore } from "react";
import { type HourCycle, subscribeTimePreferences, timePreferences, updateTimePreferences } from "./time-preferences-store.js";

export type { HourCycle } from "./time-preferences-store.js";

export interface TimePreferences {
  /** The IANA zone times are shown in: the person's choice, or the browser's zone until they choose. */
  timeZone: string;
  hourCycle: HourCycle;
  setTimeZone: (timeZone: string) => void;
  setHourCycle: (hourCycle: HourCycle) => void;
}

/**
 * The time zone and 12/24-hour clock every time in the app is shown in, remembered in localStorage.
 * A component that shows times calls this so that it draws again when the choice changes; the
 * formatting functions (format-date-time.ts) read the same choice by default.
 */
export function useTimePreferences(): TimePreferences {
  const values = useSyncExternalStore(subscribeTimePreferences, timePreferences);
  const setTimeZone = useCallback((timeZone: string) => updateTimePreferences({ timeZone }), []);
  const setHourCycle = useCallback((hourCycle: HourCycle) => updateTimePreferences({ hourCycle }), []);
  return { timeZone: values.timeZone, hourCycle: values.hourCycle, setTimeZone, setHourCycle };
}
