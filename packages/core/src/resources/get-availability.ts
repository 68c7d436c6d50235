import type { Database } from "@bookable/db";
import { AppError } from "../app-error.js";
import { availabilityChangesAt } from "../availability/availability-changes-at.js";
import { computeAvailableSlotTexts } from "../availability/compute-available-slot-texts.js";
import { occupiedSeats } from "../bookings/occupied-seats.js";
import { availabilityRules } from "./availability-rules.js";
import { listDateOverridesForWindow } from "./date-overrides.js";
import { findResource } from "./find-resource.js";

const MINUTE = 60_000;

/** How far ahead `changesAt` looks by default: the longest a cache keeps an answer (issue 12). */
export const AVAILABILITY_LOOK_AHEAD_MS = 5 * MINUTE;

/**
 * Free slots of an active resource starting in [from, to), with the seats left in each, and `changesAt`:
 * the instant (epoch ms, at most `now + lookAheadMs`) before which the passing of time alone cannot change
 * the answer (see `availabilityChangesAt`).
 */
export async function getAvailability(
  db: Database,
  resourceId: string,
  window: { from: Date; to: Date },
  now = new Date(),
  lookAheadMs = AVAILABILITY_LOOK_AHEAD_MS,
) {
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
  const rules = availabilityRules(resource, overrides);
  // Built as the answer's strings directly: this is the hot path of every uncached read (issue 12).
  const slots = computeAvailableSlotTexts(rules, occupied, window, now);
  const firstSlot = slots[0];
  const changesAt = availabilityChangesAt(rules, window, now, {
    firstStart: firstSlot ? Date.parse(firstSlot.start) : undefined,
    holdExpiries: occupied.flatMap((seat) => (seat.holdExpiresAt ? [seat.holdExpiresAt.getTime()] : [])),
    lookAheadMs,
  });
  return { resource, timeZone: resource.timeZone, slots, changesAt };
}
