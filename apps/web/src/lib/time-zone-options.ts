import { describeTimeZone } from "./describe-time-zone.js";

export interface TimeZoneOption {
  /** The IANA name, what is stored and sent. */
  id: string;
  /** "America/New York (EST)": what people read and type to search. */
  name: string;
}

/**
 * Every zone this browser knows, for the zone picker, with `include` (the current choice, which may be an
 * alias such as "UTC" that the canonical list leaves out) always among them. Sorted by name.
 */
export function timeZoneOptions(include: readonly string[], at: Date = new Date()): TimeZoneOption[] {
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const zones = [...new Set([...known, ...include])].sort((a, b) => a.localeCompare(b));
  return zones.map((id) => ({ id, name: describeTimeZone(id, at) }));
}
