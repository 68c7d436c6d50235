import type { AvailabilityInput, AvailabilityOutput } from "@bookable/validators";
import type { AnswerKind } from "../answer-cache/answer-cache.js";
import { getAvailability } from "./get-availability.js";

/** The free slots of a window (`resources.availability`, GET /resources/{id}/availability) as a cached answer. */
export const availabilityAnswer: AnswerKind<AvailabilityInput, AvailabilityOutput> = {
  name: "availability",
  resourceId: (input) => input.id,
  // By instant, so the same window written with another offset or precision is the same answer.
  key: (input) => `${Date.parse(input.from)}/${Date.parse(input.to)}`,
  async compute(db, input, now) {
    const { timeZone, slots, changesAt } = await getAvailability(
      db,
      input.id,
      { from: new Date(input.from), to: new Date(input.to) },
      now,
    );
    return { value: { timeZone, slots }, changesAt };
  },
};
