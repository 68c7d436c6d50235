import { availabilityVersions, type Database } from "@bookable/db";
import { inArray, sql } from "drizzle-orm";
import { coalescedReads } from "./coalesced-reads.js";

/** A resource's two numbers (migrations 0006 and 0008), as text. */
export interface AvailabilityVersions {
  /** Grows on any change of its availability answers: bookings, seats, the resource, its overrides. */
  answers: string;
  /** Grows only when the resource row or its date overrides change. */
  definition: string;
}

/**
 * Reads resources' availability versions, coalesced: at most one query in flight, each reading every
 * resource asked for since the previous one started. The availability cache and the booking path share one
 * reader, so under load they share its queries too.
 */
export function availabilityVersionReader(db: Database): (resourceId: string) => Promise<AvailabilityVersions | undefined> {
  return coalescedReads<string, AvailabilityVersions>(async (resourceIds) => {
    const rows = await db
      .select({
        resourceId: availabilityVersions.resourceId,
        answers: sql<string>`${availabilityVersions.version}::text`,
        definition: sql<string>`${availabilityVersions.definitionVersion}::text`,
      })
      .from(availabilityVersions)
      .where(inArray(availabilityVersions.resourceId, [...resourceIds]));
    return new Map(rows.map(({ resourceId, ...versions }) => [resourceId, versions]));
  });
}
