import type { Database } from "@bookable/db";
import { computeAvailableSlotTexts } from "../availability/compute-available-slot-texts.js";
import { availabilityFactsChangesAt } from "./availability-facts-changes-at.js";
import { availabilityRules } from "./availability-rules.js";
import { loadAvailabilityFacts } from "./load-availability-facts.js";

/**
 * Free slots of an active resource starting in [from, to), with the seats left in each, and `changesAt`:
 * the instant (epoch ms) before which the passing of time alone cannot change the answer.
 */
export async function getAvailability(db: Database, resourceId: string, window: { from: Date; to: Date }, now = new Date()) {
  const facts = await loadAvailabilityFacts(db, resourceId, window, now);
  const { resource, overrides, occupied } = facts;
  // Built as the answer's strings directly: this is the hot path of every uncached read (issue 12).
  const slots = computeAvailableSlotTexts(availabilityRules(resource, overrides), occupied, window, now);
  const firstSlot = slots[0];
  const changesAt = availabilityFactsChangesAt(facts, window, now, firstSlot ? Date.parse(firstSlot.start) : undefined);
  return { resource, timeZone: resource.timeZone, slots, changesAt };
}
