import { bookings, type DatabaseExecutor } from "@bookable/db";
import { and, count, eq, gt, min, sql } from "drizzle-orm";
import { AppError } from "../app-error.js";

/** How much one account may book: live holds at once (HOLDS_PER_USER) and bookings per hour (BOOKINGS_PER_HOUR). */
export interface BookingLimits {
  holdsPerUser: number;
  bookingsPerHour: number;
}

const HOUR = 3_600_000;

/**
 * Makes one account's bookings take turns within their transactions, so the counts in enforceBookingLimits
 * cannot be passed by parallel requests (each would otherwise count the others' uncommitted rows as absent).
 * We count rows in the booking transaction under a transaction-scoped advisory lock rather than keep a
 * separate counter (e.g. rate-limiter-flexible): the rows are the truth — an expired or cancelled hold frees
 * its place at once, a rolled-back booking never used one — and it works the same on PGlite and PostgreSQL
 * and across instances. Take it before lockResourceBookings: always user then resource, so no deadlock.
 */
export async function lockBookerBookings(transaction: DatabaseExecutor, userId: string): Promise<void> {
  await transaction.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`booker:${userId}`}, 0))`);
}

/**
 * Refuses a booking beyond the account's limits with RATE_LIMITED and a Retry-After: for holds, until the
 * earliest live hold runs out; for the hourly count, until the oldest booking of the last hour leaves it.
 * Every booking created counts toward the hour, whatever became of it, so cancelling does not refill it
 * (each booking sends mail). Call it with lockBookerBookings held.
 */
export async function enforceBookingLimits(
  transaction: DatabaseExecutor,
  userId: string,
  limits: BookingLimits,
  willHold: boolean,
  now: Date,
): Promise<void> {
  if (willHold) {
    const [holds] = await transaction
      .select({ live: count(), firstExpiry: min(bookings.holdExpiresAt) })
      .from(bookings)
      .where(and(eq(bookings.userId, userId), eq(bookings.status, "held"), gt(bookings.holdExpiresAt, now)));
    if (holds && holds.live >= limits.holdsPerUser) {
      throw new AppError(
        "RATE_LIMITED",
        `You already hold ${holds.live} unpaid booking${holds.live === 1 ? "" : "s"}, the most allowed at once; pay for or cancel one, or wait until one expires`,
        { retryAfterSeconds: secondsUntil(holds.firstExpiry, now) },
      );
    }
  }
  const since = new Date(now.getTime() - HOUR);
  const [recent] = await transaction
    .select({ made: count(), oldest: min(bookings.createdAt) })
    .from(bookings)
    .where(and(eq(bookings.userId, userId), gt(bookings.createdAt, since)));
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
