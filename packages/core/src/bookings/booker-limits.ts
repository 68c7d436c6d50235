import { bookings, type DatabaseExecutor } from "@bookable/db";
import { and, eq, gt, or, sql } from "drizzle-orm";
import { AppError } from "../app-error.js";

/** How much one account may book: live holds at once (HOLDS_PER_USER) and bookings per hour (BOOKINGS_PER_HOUR). */
export interface BookingLimits {
  holdsPerUser: number;
  bookingsPerHour: number;
}

const HOUR = 3_600_000;

/**
 * Refuses a booking beyond the account's limits with RATE_LIMITED and a Retry-After: for holds, until the
 * earliest live hold runs out; for the hourly count, until the oldest booking of the last hour leaves it.
 * Every booking created counts toward the hour, whatever became of it, so cancelling does not refill it
 * (each booking sends mail). Call it with the booker locked (lockSeatRange with the booker's id): parallel
 * requests of one account would otherwise each count the others' uncommitted rows as absent. We count rows
 * under a transaction-scoped advisory lock rather than keep a separate counter (e.g. rate-limiter-flexible):
 * the rows are the truth — an expired or cancelled hold frees its place at once, a rolled-back booking never
 * used one — and it works the same on PGlite and PostgreSQL and across instances. Both counts are one query.
 */
export async function enforceBookingLimits(
  transaction: DatabaseExecutor,
  userId: string,
  limits: BookingLimits,
  willHold: boolean,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - HOUR);
  const liveHold = and(eq(bookings.status, "held"), gt(bookings.holdExpiresAt, now));
  const recentlyMade = gt(bookings.createdAt, since);
  const [counts] = await transaction
    .select({
      liveHolds: sql<number>`count(*) filter (where ${liveHold})`.mapWith(Number),
      firstExpiry: sql<Date | null>`min(${bookings.holdExpiresAt}) filter (where ${liveHold})`.mapWith(bookings.holdExpiresAt),
      made: sql<number>`count(*) filter (where ${recentlyMade})`.mapWith(Number),
      oldest: sql<Date | null>`min(${bookings.createdAt}) filter (where ${recentlyMade})`.mapWith(bookings.createdAt),
    })
    .from(bookings)
    .where(and(eq(bookings.userId, userId), or(recentlyMade, liveHold)));
  const holds = counts && { live: counts.liveHolds, firstExpiry: counts.firstExpiry };
  const recent = counts && { made: counts.made, oldest: counts.oldest };
  if (willHold && holds && holds.live >= limits.holdsPerUser) {
    throw new AppError(
      "RATE_LIMITED",
      `You already hold ${holds.live} unpaid booking${holds.live === 1 ? "" : "s"}, the most allowed at once; pay for or cancel one, or wait until one expires`,
      { retryAfterSeconds: secondsUntil(holds.firstExpiry, now) },
    );
  }
  if (recent && recent.made >= limits.bookingsPerHour) {
    const oldest = recent.oldest ? new Date(recent.oldest.getTime() + HOUR) : null;
    throw new AppError("RATE_LIMITED", `You made ${recent.made} bookings in the last hour, the most allowed; try again later`, {
      retryAfterSeconds: secondsUntil(oldest, now),
    });
  }
}

function secondsUntil(moment: Date | null, now: Date): number {
  return moment ? Math.max(1, Math.ceil((moment.getTime() - now.getTime()) / 1000)) : 60;
}
