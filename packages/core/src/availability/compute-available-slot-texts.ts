import { type AvailabilityRules, computeAvailableStarts, type OccupiedInterval } from "./compute-available-slots.js";
import { utcInstantFormatter } from "./utc-instant-formatter.js";

/** A bookable slot as the API answers it: UTC instants written as `toISOString` writes them. */
export interface SlotText {
  start: string;
  end: string;
  seatsLeft: number;
}

/**
 * The slots of `computeAvailableStarts` (same rules) in the API's form, built straight from the
 * millisecond starts: one object and at most two short strings per slot, no Date objects (issue 12).
 */
export function computeAvailableSlotTexts(
  rules: AvailabilityRules,
  occupied: readonly OccupiedInterval[],
  window: { from: Date; to: Date },
  now: Date,
): SlotText[] {
  const { starts, seatsLeft, slotLength } = computeAvailableStarts(rules, occupied, window, now);
  const text = utcInstantFormatter();
  const slots: SlotText[] = [];
  starts.forEach((start, index) => {
    slots.push({ start: text(start), end: text(start + slotLength), seatsLeft: seatsLeft[index] ?? 0 });
  });
  return slots;
}
