import type { Database } from "@bookable/db";
import { type AvailableDay, summarizeAvailableDays } from "../availability/summarize-available-days.js";
import { availabilityRules } from "./availability-rules.js";
import { type AvailabilityFacts, loadAvailabilityFacts } from "./load-availability-facts.js";

export interface AvailabilityDays {
  timeZone: string;
  days: AvailableDay[];
}

/**
 * The day summary of an active resource: per calendar date of `timeZone` (the resource's own when not
 * given) that intersects [from, to), how many free slots start on it and the first one's start. A month
 * view reads this instead of every slot (issue 12). Archived or unknown resources are NOT_FOUND.
 */
export async function getAvailabilityDays(
  db: Database,
  resourceId: string,
  window: { from: Date; to: Date },
  options: { timeZone?: string | undefined; now?: Date } = {},
): Promise<AvailabilityDays> {
  const now = options.now ?? new Date();
  const facts = await loadAvailabilityFacts(db, resourceId, window, now);
  return availabilityDaysOf(facts, window, now, options.timeZone);
}

/** The summary from facts already read: a pure function, so a cache can keep or recompute it as it likes. */
export function availabilityDaysOf(
  { resource, overrides, occupied }: AvailabilityFacts,
  window: { from: Date; to: Date },
  now: Date,
  timeZone: string = resource.timeZone,
): AvailabilityDays {
  return { timeZone, days: summarizeAvailableDays(availabilityRules(resource, overrides), occupied, window, now, timeZone) };
}
