import type { Database } from "@bookable/db";
import { AppError } from "../app-error.js";
import { computeAvailableSlotTexts } from "../availability/compute-available-slot-texts.js";
import { occupiedSeats } from "../bookings/occupied-seats.js";
import { availabilityRules } from "./availability-rules.js";
import { listDateOverridesForWindow } from "./date-overrides.js";
import { findResource } from "./find-resource.js";

const MINUTE = 60_000;

/** Free slots of an active resource starting in [from, to), with the seats left in each. */
export async function getAvailability(db: Database, resourceId: string, window: { from: Date; to: Date }, now = new Date()) {
  const resource = await findResource(db, resourceId);
  if (resource.status !== "active") throw new AppError("NOT_FOUND", "This resource is archived and takes no bookings");
  const overrides = await listDateOverridesForWindow(db, resourceId, resource.timeZone, window);
  // Bookings whose buffers reach into the window's first or last slot count too.
  const reach = (resource.bufferBeforeMinutes + resource.bufferAfterMinutes + resource.slotMinutes) * MINUTE;
  const occupied = await occupiedSeats(
    db,
    resourceId,
    new Date(window.from.getTime() - reach),
    new Date(window.to.getTime() + reach),
    now,
  );
  // Built as the answer's strings directly: this is the hot path of every uncached read (issue 12).
  const slots = computeAvailableSlotTexts(availabilityRules(resource, overrides), occupied, window, now);
  return { resource, timeZone: resource.timeZone, slots };
}
