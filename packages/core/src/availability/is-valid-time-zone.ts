import { IANAZone } from "luxon";

/**
 * Whether `zone` is an IANA time-zone name this runtime knows ("Europe/Berlin"). Input validation
 * calls this so that a bad zone is rejected when rules are saved, not when slots are computed.
 * Luxon asks the runtime's Intl data, so the answer follows the Node.js ICU version.
 *
 * Luxon builds an Intl.DateTimeFormat for every question (~0.1 ms), and every availability request asks
 * it again (issue 12). Zone data does not change while the process runs, so known names are remembered;
 * only valid names are kept, which bounds the set by the IANA database (a few hundred names).
 */
export function isValidTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  const valid = IANAZone.isValidZone(zone);
  if (valid) knownZones.add(zone);
  return valid;
}

const knownZones = new Set<string>();
