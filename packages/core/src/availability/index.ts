export { computeAvailableSlotTexts, type SlotText } from "./compute-available-slot-texts.js";
export {
  type AvailabilityRules,
  type AvailableStarts,
  computeAvailableSlots,
  computeAvailableStarts,
  type DateOverride,
  type OccupiedInterval,
  occupiedRange,
  type Slot,
  type WeeklyHoursInterval,
} from "./compute-available-slots.js";
export { isValidTimeZone } from "./is-valid-time-zone.js";
export { type LocalDay, localDaysInWindow } from "./local-days-in-window.js";
export { type AvailableDay, summarizeAvailableDays } from "./summarize-available-days.js";
