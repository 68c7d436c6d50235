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

/** What a create or an update may change: the contract's fields, and the status. */
type ResourceChanges = Partial<CreateResource> & { status?: "active" | "archived" | undefined };
type ResourceColumns = Partial<typeof resources.$inferInsert>;

/**
 * Each field of the contract and the columns it writes, one row per field. A field added to the contract does
 * not compile until it has its row here, so no value is dropped silently (docs/extending.md).
 */
const COLUMNS_OF: {
  [Field in keyof Required<ResourceChanges>]: (value: NonNullable<ResourceChanges[Field]>) => ResourceColumns;
} = {
  name: (name) => ({ name }),
  slug: (slug) => ({ slug }),
  description: (description) => ({ description }),
  location: (location) => ({ location }),
  timeZone: (timeZone) => ({ timeZone }),
  slotMinutes: (slotMinutes) => ({ slotMinutes }),
  weeklyHours: (weeklyHours) => ({ weeklyHours }),
  capacity: (capacity) => ({ capacity }),
  price: (price) => ({ priceAmount: price.amount, currency: price.currency }),
  bufferBeforeMinutes: (bufferBeforeMinutes) => ({ bufferBeforeMinutes }),
  bufferAfterMinutes: (bufferAfterMinutes) => ({ bufferAfterMinutes }),
  minNoticeMinutes: (minNoticeMinutes) => ({ minNoticeMinutes }),
  horizonDays: (horizonDays) => ({ horizonDays }),
  freeCancellationHours: (freeCancellationHours) => ({ freeCancellationHours }),
  reminderMinutesBefore: (reminderMinutesBefore) => ({ reminderMinutesBefore }),
  status: (status) => ({ status }),
};

/** The columns of the fields given; a field left out (undefined) keeps its column as it is. */
function columnsOf(input: ResourceChanges): ResourceColumns {
  const columns: ResourceColumns = {};
  const write = <Field extends keyof ResourceChanges>(field: Field) => {
    const value = input[field];
    if (value !== undefined && value !== null) Object.assign(columns, COLUMNS_OF[field](value));
  };
  for (const field of Object.keys(COLUMNS_OF) as (keyof ResourceChanges)[]) write(field);
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
