import { type Database, type ResourceRow, resources, uniqueViolationConstraint } from "@bookable/db";
import type { createResourceInput, ResourceOutput, updateResourceInput } from "@bookable/validators";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { AppError } from "../app-error.js";
import { findResource } from "./find-resource.js";
import { toResourceOutput } from "./to-resource-output.js";

type CreateResource = z.output<typeof createResourceInput>;
type UpdateResource = z.output<typeof updateResourceInput>;

/** A URL-friendly slug from a name: "Meeting Room A" → "meeting-room-a". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug.length >= 2 ? slug : `resource-${crypto.randomUUID().slice(0, 8)}`;
}

function columnsOf(input: Partial<CreateResource> & { status?: "active" | "archived" | undefined }) {
  const columns: Partial<typeof resources.$inferInsert> = {};
  if (input.name !== undefined) columns.name = input.name;
  if (input.slug !== undefined) columns.slug = input.slug;
  if (input.description !== undefined) columns.description = input.description;
  if (input.location !== undefined) columns.location = input.location;
  if (input.timeZone !== undefined) columns.timeZone = input.timeZone;
  if (input.slotMinutes !== undefined) columns.slotMinutes = input.slotMinutes;
  if (input.weeklyHours !== undefined) columns.weeklyHours = input.weeklyHours;
  if (input.capacity !== undefined) columns.capacity = input.capacity;
  if (input.price !== undefined) {
    columns.priceAmount = input.price.amount;
    columns.currency = input.price.currency;
  }
  if (input.bufferBeforeMinutes !== undefined) columns.bufferBeforeMinutes = input.bufferBeforeMinutes;
  if (input.bufferAfterMinutes !== undefined) columns.bufferAfterMinutes = input.bufferAfterMinutes;
  if (input.minNoticeMinutes !== undefined) columns.minNoticeMinutes = input.minNoticeMinutes;
  if (input.horizonDays !== undefined) columns.horizonDays = input.horizonDays;
  if (input.freeCancellationHours !== undefined) columns.freeCancellationHours = input.freeCancellationHours;
  if (input.reminderMinutesBefore !== undefined) columns.reminderMinutesBefore = input.reminderMinutesBefore;
  if (input.status !== undefined) columns.status = input.status;
  return columns;
}

async function writeResource(run: () => Promise<ResourceRow | undefined>): Promise<ResourceOutput> {
  try {
    const row = await run();
    if (!row) throw new AppError("NOT_FOUND", "No such resource");
    return toResourceOutput(row);
  } catch (error) {
    if (uniqueViolationConstraint(error) === "resources_slug_unique") {
      throw new AppError("CONFLICT", "That slug is taken", {
        issues: [{ path: "slug", message: "That slug is taken" }],
        cause: error,
      });
    }
    throw error;
  }
}

export function createResource(db: Database, input: CreateResource): Promise<ResourceOutput> {
  return writeResource(async () => {
    const [row] = await db
      .insert(resources)
      .values({
        ...columnsOf(input),
        name: input.name,
        timeZone: input.timeZone,
        slotMinutes: input.slotMinutes,
        slug: input.slug ?? slugify(input.name),
      })
      .returning();
    return row;
  });
}

/** Changes only the fields given. Existing bookings keep their times and price snapshot. */
export async function updateResource(db: Database, input: UpdateResource): Promise<ResourceOutput> {
  const { id, ...changes } = input;
  const columns = columnsOf(changes);
  if (Object.keys(columns).length === 0) return toResourceOutput(await findResource(db, id));
  return writeResource(async () => {
    const [row] = await db.update(resources).set(columns).where(eq(resources.id, id)).returning();
    return row;
  });
}
