import type { Database } from "@bookable/db";
import { computeAvailableSlotTexts } from "../availability/compute-available-slot-texts.js";
import { availabilityRules } from "./availability-rules.js";
import { loadAvailabilityFacts } from "./load-availability-facts.js";

/** Free slots of an active resource starting in [from, to), with the seats left in each. */
export async function getAvailability(db: Database, resourceId: string, window: { from: Date; to: Date }, now = new Date()) {
  const { resource, overrides, occupied } = await loadAvailabilityFacts(db, resourceId, window, now);
  // Built as the answer's strings directly: this is the hot path of every uncached read (issue 12).
  const slots = computeAvailableSlotTexts(availabilityRules(resource, overrides), occupied, window, now);
  return { resource, timeZone: resource.timeZone, slots };
}
