import { type Database, type ResourceRow, resources } from "@bookable/db";
import { eq } from "drizzle-orm";
import { AppError } from "../app-error.js";

export async function findResource(db: Database, id: string): Promise<ResourceRow> {
  const [row] = await db.select().from(resources).where(eq(resources.id, id));
  if (!row) throw new AppError("NOT_FOUND", "No such resource");
  return row;
}
