import type { ResourceRow } from "@bookable/db";
import type { AvailabilityRules } from "../availability/compute-available-slots.js";
import type { DateOverrideValue } from "./date-overrides.js";

export function availabilityRules(resource: ResourceRow, overrides: DateOverrideValue[]): AvailabilityRules {
  return {
    timeZone: resource.timeZone,
    slotMinutes: resource.slotMinutes,
    bufferBeforeMinutes: resource.bufferBeforeMinutes,
    bufferAfterMinutes: resource.bufferAfterMinutes,
    minNoticeMinutes: resource.minNoticeMinutes,
    horizonDays: resource.horizonDays,
    capacity: resource.capacity,
    weeklyHours: resource.weeklyHours,
    overrides,
  };
}
