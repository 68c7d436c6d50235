import type { AvailabilityInput, FullSlotsOutput } from "@bookable/validators";
import type { AnswerKind } from "../answer-cache/answer-cache.js";
import { computeAvailableSlotTexts } from "../availability/compute-available-slot-texts.js";
import { availabilityFactsChangesAt } from "./availability-facts-changes-at.js";
import { availabilityRules } from "./availability-rules.js";
import { loadAvailabilityFacts } from "./load-availability-facts.js";

/**
 * The full slots of a window (`resources.fullSlots`, GET /resources/{id}/availability/full): the slots the
 * resource's rules offer (hours, overrides, notice, horizon) that have no seat left, by its bookings, holds or
 * their buffers. Exactly the slots `waitlist.join` takes (issue 15). Cached like the free slots: bookings bump
 * the same availability version, and time changes the answer where it changes theirs.
 */
export const fullSlotsAnswer: AnswerKind<AvailabilityInput, FullSlotsOutput> = {
  name: "full-slots",
  resourceId: (input) => input.id,
  key: (input) => `${Date.parse(input.from)}/${Date.parse(input.to)}`,
  async compute(db, input, now) {
    const window = { from: new Date(input.from), to: new Date(input.to) };
    const facts = await loadAvailabilityFacts(db, input.id, window, now);
    const rules = availabilityRules(facts.resource, facts.overrides);
    const free = new Set(computeAvailableSlotTexts(rules, facts.occupied, window, now).map((slot) => slot.start));
    const offered = computeAvailableSlotTexts(rules, [], window, now);
    const slots = offered.filter((slot) => !free.has(slot.start)).map(({ start, end }) => ({ start, end }));
    // The first offered slot is the earliest a notice period can take away; holds running out free seats.
    const firstOffered = offered[0];
    const changesAt = availabilityFactsChangesAt(facts, window, now, firstOffered ? Date.parse(firstOffered.start) : undefined);
    return { value: { timeZone: facts.resource.timeZone, slots }, changesAt };
  },
};
