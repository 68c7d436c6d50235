import { IANAZone } from "luxon";

/**
 * Whether `zone` is an IANA time-zone name this runtime knows ("Europe/Berlin"). Input validation
 * calls this so that a bad zone is rejected when rules are saved, not when slots are computed.
 * Luxon asks the runtime's Intl data, so the answer follows the Node.js ICU version.
 */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
