import type { Database, ResourceRow } from "@bookable/db";
import { AppError } from "../app-error.js";
import { type OccupiedSeat, occupiedSeats } from "../booking-store/occupied-seats.js";
import { type DateOverrideValue, listDateOverridesForWindow } from "./date-overrides.js";
import { findResource } from "./find-resource.js";

const MINUTE = 60_000;

/** What an availability answer is computed from; the computation itself is a pure function of these. */
export interface AvailabilityFacts {
  resource: ResourceRow;
  overrides: DateOverrideValue[];
  /** With each held seat's hold expiry: the moment the passing of time frees it (issue 12). */
  occupied: OccupiedSeat[];
}

/** Reads an active resource, its overrides and the seats held around [from, to). Archived is NOT_FOUND. */
export async function loadAvailabilityFacts(
  db: Database,
  resourceId: string,
  window: { from: Date; to: Date },
  now: Date,
): Promise<AvailabilityFacts> {
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
  return { resource, overrides, occupied };
}
