import type { DatabaseExecutor } from "@bookable/db";
import { type SQL, sql } from "drizzle-orm";

/**
 * Bookings lock the time buckets their occupied range (buffers included) touches, not the whole resource
 * (issue 12): two bookings can only conflict when their occupied ranges overlap, and overlapping half-open
 * ranges share at least one instant, hence at least one bucket. So bookings of overlapping slots take turns,
 * while bookings of separate slots of one resource proceed in parallel. 15 minutes is the usual slot grid:
 * a 15- or 60-minute slot with a 15-minute buffer touches 2–5 buckets, and neighbouring slots whose
 * ranges do not overlap rarely share one. Buckets are aligned to the Unix epoch, so every instance agrees.
 */
export const SEAT_LOCK_BUCKET_MINUTES = 15;
const BUCKET_MS = SEAT_LOCK_BUCKET_MINUTES * 60_000;

/**
 * Past this many buckets (a day) a booking locks its whole resource instead: a few long bookings should not
 * fill PostgreSQL's shared lock table (max_locks_per_transaction) with hundreds of advisory locks.
 */
export const MAX_SEAT_LOCK_BUCKETS = 96;

/** The bucket indexes a half-open [start, end) range touches, ascending. */
export function seatLockBuckets(range: { start: Date; end: Date }): number[] {
  const first = Math.floor(range.start.getTime() / BUCKET_MS);
  const last = Math.floor((range.end.getTime() - 1) / BUCKET_MS);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, index) => first + index);
}

function resourceKey(resourceId: string): SQL {
  return sql`hashtextextended(${resourceId}, 0)`;
}

function bookerKey(userId: string): SQL {
  return sql`hashtextextended(${`booker:${userId}`}, 0)`;
}

/**
 * Locks, in one round trip, what a booking of `resourceId` over the occupied `range` can conflict with:
 * the booker first (their limits are counted under it), then the resource in shared mode, then the range's
 * buckets in ascending order, so any two bookings take common locks in the same order and cannot deadlock
 * on them. The shared resource lock lets a path that must see every seat of the resource (a late payment,
 * a range longer than MAX_SEAT_LOCK_BUCKETS) take it exclusively (lockResourceBookings) and wait for, and
 * hold off, every booking of the resource. Correctness does not depend on any of this (the exclusion
 * constraint decides); it keeps simultaneous inserts into that constraint from waiting on each other and
 * deadlocking. The locks are transaction-scoped: released at commit or rollback.
 *
 * Must be a statement of its own: in READ COMMITTED the next statement's snapshot, taken after the locks
 * were granted, sees the seats of the bookings that held them.
 */
export async function lockSeatRange(
  transaction: DatabaseExecutor,
  resourceId: string,
  range: { start: Date; end: Date },
  bookerId?: string,
): Promise<void> {
  const buckets = seatLockBuckets(range);
  const locks: SQL[] = [];
  // An Append node runs its parts in order, and generate_series counts upward: one statement, a fixed order.
  if (bookerId) locks.push(sql`select pg_advisory_xact_lock(${bookerKey(bookerId)})::text`);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (first === undefined || last === undefined || buckets.length > MAX_SEAT_LOCK_BUCKETS) {
    locks.push(sql`select pg_advisory_xact_lock(${resourceKey(resourceId)})::text`);
  } else {
    locks.push(sql`select pg_advisory_xact_lock_shared(${resourceKey(resourceId)})::text`);
    locks.push(
      sql`(select pg_advisory_xact_lock(hashtextextended(${resourceId}::text || ':' || bucket, 0))::text from generate_series(${first}::bigint, ${last}::bigint) as bucket)`,
    );
  }
  await transaction.execute(sql`select count(*) from (${sql.join(locks, sql` union all `)}) as locks`);
}

/**
 * Locks every booking of a resource out until the transaction ends: for a path that needs all its seats to
 * stay as they are (a late payment taking seats back). Conflicts with the shared lock every booking takes.
 */
export async function lockResourceBookings(transaction: DatabaseExecutor, resourceId: string): Promise<void> {
  await transaction.execute(sql`select pg_advisory_xact_lock(${resourceKey(resourceId)})`);
}
