export {
  type AvailabilityRules,
  computeAvailableSlots,
  type DateOverride,
  type OccupiedInterval,
  occupiedRange,
  type Slot,
  type WeeklyHoursInterval,
} from "./compute-available-slots.js";
export { isValidTimeZone } from "./is-valid-time-zone.js";
