import { type Database, type DatabaseExecutor, resources, type WaitlistEntryRow, waitlistEntries } from "@bookable/db";
import type { WaitlistEntryOutput } from "@bookable/validators";
import { and, asc, eq, gt, gte, type SQL, sql } from "drizzle-orm";
import { AppError } from "../app-error.js";

/** 1 for the first waiting entry of its slot; null for an entry that is not waiting. Order: (created_at, id). */
const position = sql<number | null>`case when ${waitlistEntries.status} = 'waiting' then (
  select count(*)::int from ${waitlistEntries} as ahead
  where ahead.resource_id = ${waitlistEntries.resourceId} and ahead.start_at = ${waitlistEntries.startAt}
    and ahead.status = 'waiting' and (ahead.created_at, ahead.id) <= (${waitlistEntries.createdAt}, ${waitlistEntries.id})
) end`;

async function selectEntries(db: Database | DatabaseExecutor, where: SQL | undefined): Promise<WaitlistEntryOutput[]> {
  const rows = await db
    .select({ entry: waitlistEntries, resourceName: resources.name, timeZone: resources.timeZone, position })
    .from(waitlistEntries)
    .innerJoin(resources, eq(resources.id, waitlistEntries.resourceId))
    .where(where)
    .orderBy(asc(waitlistEntries.startAt), asc(waitlistEntries.createdAt), asc(waitlistEntries.id));
  return rows.map((row) => toWaitlistEntryOutput(row.entry, row.resourceName, row.timeZone, row.position));
}

function toWaitlistEntryOutput(
  entry: WaitlistEntryRow,
  resourceName: string,
  timeZone: string,
  place: number | null,
): WaitlistEntryOutput {
  return {
    id: entry.id,
    resourceId: entry.resourceId,
    resourceName,
    timeZone,
    start: entry.startAt.toISOString(),
    end: entry.endAt.toISOString(),
    status: entry.status,
    position: place === null ? null : Number(place),
    bookingId: entry.bookingId,
    offerExpiresAt: entry.offerExpiresAt?.toISOString() ?? null,
    attendee: { name: entry.attendeeName, email: entry.attendeeEmail },
    userId: entry.userId,
    createdAt: entry.createdAt.toISOString(),
  };
}

/** My waitlist entries for slots not yet over, soonest first, with my position in each line. */
export function listMyWaitlist(db: Database, userId: string, now = new Date()): Promise<WaitlistEntryOutput[]> {
  return selectEntries(db, and(eq(waitlistEntries.userId, userId), gt(waitlistEntries.endAt, now)));
}

/** A resource's waitlist (admins) from a moment on (now by default): every entry, in line order per slot. */
export function listResourceWaitlist(
  db: Database,
  input: { resourceId: string; from?: string | undefined },
  now = new Date(),
): Promise<WaitlistEntryOutput[]> {
  return selectEntries(
    db,
    and(eq(waitlistEntries.resourceId, input.resourceId), gte(waitlistEntries.startAt, input.from ? new Date(input.from) : now)),
  );
}

/** One entry as the API shows it. */
export async function readWaitlistEntry(db: Database | DatabaseExecutor, entryId: string): Promise<WaitlistEntryOutput> {
  const [entry] = await selectEntries(db, eq(waitlistEntries.id, entryId));
  if (!entry) throw new AppError("NOT_FOUND", "No such waitlist entry");
  return entry;
}
