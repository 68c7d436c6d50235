import { AppError } from "../app-error.js";
import { computeAvailableSlots, occupiedRange } from "../availability/compute-available-slots.js";
import { availabilityRules } from "../resources/availability-rules.js";
import type { ResourceDefinition } from "../resources/resource-definitions.js";

const MINUTE = 60_000;

export interface OfferedSlot {
  start: Date;
  end: Date;
  /** The range its seats occupy, buffers included. */
  occupied: { start: Date; end: Date };
}

/**
 * The slot starting at `startIso` if the resource offers it: active, and a start its opening hours, date
 * overrides, minimum notice and horizon allow. Booking and rescheduling both ask here, so a booking can only
 * ever be moved to a time it could have been booked at. Whether its seats are free is decided later, under
 * the range locks.
 */
export async function requireOfferedSlot(definition: ResourceDefinition, startIso: string, now: Date): Promise<OfferedSlot> {
  const { resource } = definition;
  if (resource.status !== "active") throw new AppError("BAD_REQUEST", "This resource is archived and takes no bookings");
  const start = new Date(startIso);
  const end = new Date(start.getTime() + resource.slotMinutes * MINUTE);
  const overrides = await definition.overridesFor({ from: start, to: end });
  const offered = computeAvailableSlots(
    availabilityRules(resource, overrides),
    [],
    { from: start, to: new Date(start.getTime() + 1) },
    now,
  );
  if (!offered.some((slot) => slot.start.getTime() === start.getTime())) {
    throw new AppError("BAD_REQUEST", "That is not a start time this resource offers", {
      issues: [{ path: "start", message: "Pick one of the resource's available slots" }],
    });
  }
  return { start, end, occupied: occupiedRange(resource, start, end) };
}
