import type { AnswerKind } from "../answer-cache/answer-cache.js";
import { availabilityFactsChangesAt } from "./availability-facts-changes-at.js";
import { type AvailabilityDays, availabilityDaysOf } from "./get-availability-days.js";
import { loadAvailabilityFacts } from "./load-availability-facts.js";

/** The day summary's input as validated (`availabilityDaysInput`). */
export interface AvailabilityDaysQuery {
  id: string;
  from: string;
  to: string;
  timeZone?: string | undefined;
}

/** The day summary (`resources.availabilityDays`, GET /resources/{id}/availability/days) as a cached answer. */
export const availabilityDaysAnswer: AnswerKind<AvailabilityDaysQuery, AvailabilityDays> = {
  name: "availability-days",
  resourceId: (input) => input.id,
  key: (input) => `${Date.parse(input.from)}/${Date.parse(input.to)}/${input.timeZone ?? ""}`,
  async compute(db, input, now) {
    const window = { from: new Date(input.from), to: new Date(input.to) };
    const facts = await loadAvailabilityFacts(db, input.id, window, now);
    const value = availabilityDaysOf(facts, window, now, input.timeZone);
    // The first free slot of the window is the earliest of the days' first ones.
    let firstStart: number | undefined;
    for (const day of value.days) {
      const start = day.firstFreeStart === null ? undefined : Date.parse(day.firstFreeStart);
      if (start !== undefined && (firstStart === undefined || start < firstStart)) firstStart = start;
    }
    return { value, changesAt: availabilityFactsChangesAt(facts, window, now, firstStart) };
  },
};
