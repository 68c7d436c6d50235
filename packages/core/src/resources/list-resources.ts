import { type Database, resources } from "@bookable/db";
import type { ResourceOutput } from "@bookable/validators";
import { asc, eq } from "drizzle-orm";
import { toResourceOutput } from "./to-resource-output.js";

/** Resources by name; archived ones only when asked (admins). A catalogue is small, so one page holds it. */
export async function listResources(db: Database, options: { includeArchived: boolean }): Promise<ResourceOutput[]> {
  const rows = await db
    .select()
    .from(resources)
    .where(options.includeArchived ? undefined : eq(resources.status, "active"))
    .orderBy(asc(resources.name), asc(resources.id));
  return rows.map(toResourceOutput);
}
