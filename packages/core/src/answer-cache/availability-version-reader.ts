import { availabilityVersions, type Database } from "@bookable/db";
import { inArray, sql } from "drizzle-orm";
import { coalescedReads } from "./coalesced-reads.js";

/**
 * Reads resources' availability versions (kept by the triggers of migration 0006), coalesced: at most one
 * query in flight, each reading every resource asked for since the previous one started.
 */
export function availabilityVersionReader(db: Database): (resourceId: string) => Promise<string | undefined> {
  return coalescedReads<string, string>(async (resourceIds) => {
    const rows = await db
      .select({ resourceId: availabilityVersions.resourceId, version: sql<string>`${availabilityVersions.version}::text` })
      .from(availabilityVersions)
      .where(inArray(availabilityVersions.resourceId, [...resourceIds]));
    return new Map(rows.map((row) => [row.resourceId, row.version]));
  });
}
