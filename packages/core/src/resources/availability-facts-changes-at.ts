import { availabilityChangesAt } from "../availability/availability-changes-at.js";
import { availabilityRules } from "./availability-rules.js";
import type { AvailabilityFacts } from "./load-availability-facts.js";

/** How far ahead `changesAt` looks: the longest a cache keeps an answer (issue 12). */
export const AVAILABILITY_LOOK_AHEAD_MS = 5 * 60_000;

/**
 * The instant (epoch ms, at most `now + lookAheadMs`) before which time alone cannot change an answer
 * computed from these facts at `now` whose first free slot starts at `firstStart` (see
 * `availabilityChangesAt`): the slot list and the day summary share it.
 */
export function availabilityFactsChangesAt(
  { resource, overrides, occupied }: AvailabilityFacts,
  window: { from: Date; to: Date },
  now: Date,
  firstStart: number | undefined,
  lookAheadMs = AVAILABILITY_LOOK_AHEAD_MS,
): number {
  return availabilityChangesAt(availabilityRules(resource, overrides), window, now, {
    firstStart,
    holdExpiries: occupied.flatMap((seat) => (seat.holdExpiresAt ? [seat.holdExpiresAt.getTime()] : [])),
    lookAheadMs,
  });
}
