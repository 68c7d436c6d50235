import { type Database, resourceDateOverrides } from "@bookable/db";
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { DateTime } from "luxon";
import { AppError } from "../app-error.js";
import { findResource } from "./find-resource.js";

export interface DateOverrideValue {
  date: string;
  closed: boolean;
  hours: { start: string; end: string }[];
}

/** Creates or replaces the override of one local date. */
export async function setDateOverride(db: Database, resourceId: string, override: DateOverrideValue): Promise<DateOverrideValue> {
  await findResource(db, resourceId);
  const hours = override.closed ? [] : override.hours;
  await db
    .insert(resourceDateOverrides)
    .values({ resourceId, date: override.date, closed: override.closed, hours })
    .onConflictDoUpdate({
      target: [resourceDateOverrides.resourceId, resourceDateOverrides.date],
      set: { closed: override.closed, hours },
    });
  return { date: override.date, closed: override.closed, hours };
}

export async function deleteDateOverride(db: Database, resourceId: string, date: string): Promise<void> {
  const deleted = await db
    .delete(resourceDateOverrides)
    .where(and(eq(resourceDateOverrides.resourceId, resourceId), eq(resourceDateOverrides.date, date)))
    .returning({ date: resourceDateOverrides.date });
  if (deleted.length === 0) throw new AppError("NOT_FOUND", "No override on that date");
}

/** Overrides of a resource, optionally only those between two local dates (inclusive). */
export async function listDateOverrides(
  db: Database,
  resourceId: string,
  range?: { from: string; to: string },
): Promise<DateOverrideValue[]> {
  const rows = await db
    .select()
    .from(resourceDateOverrides)
    .where(
      and(
        eq(resourceDateOverrides.resourceId, resourceId),
        range ? gte(resourceDateOverrides.date, range.from) : undefined,
        range ? lte(resourceDateOverrides.date, range.to) : undefined,
      ),
    )
    .orderBy(asc(resourceDateOverrides.date));
  return rows.map((row) => ({ date: row.date, closed: row.closed, hours: row.hours }));
}

/** The overrides of the local dates that can hold a slot starting in [from, to) (see overrideDatesForWindow). */
export function listDateOverridesForWindow(db: Database, resourceId: string, timeZone: string, window: { from: Date; to: Date }) {
  return listDateOverrides(db, resourceId, overrideDatesForWindow(timeZone, window));
}

/** The local dates that can hold a slot starting in [from, to), a day to spare on each side for the zone's offset. */
export function overrideDatesForWindow(timeZone: string, window: { from: Date; to: Date }): { from: string; to: string } {
  return {
    from: DateTime.fromJSDate(window.from, { zone: timeZone }).minus({ days: 1 }).toISODate() ?? "",
    to: DateTime.fromJSDate(window.to, { zone: timeZone }).plus({ days: 1 }).toISODate() ?? "",
  };
}
