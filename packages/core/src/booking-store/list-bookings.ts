import { bookings, type Database, payments, resources } from "@bookable/db";
import type { BookingListWhen, BookingOutput, bookingStatus } from "@bookable/validators";
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { decodePageCursor, encodePageCursor } from "../pagination/page-cursor.js";
import { toBookingOutput } from "./to-booking-output.js";

export interface BookingPage {
  items: BookingOutput[];
  nextCursor: string | null;
}

/**
 * My bookings, in pages: upcoming (live, not yet ended, soonest first), past (live, ended, latest first) or
 * cancelled (cancelled or expired, latest first). A cancelled booking is in no other tab (issue 15).
 */
export function listMyBookings(
  db: Database,
  userId: string,
  options: { when: BookingListWhen; limit: number; cursor?: string | undefined },
  now = new Date(),
): Promise<BookingPage> {
  const upcoming = options.when === "upcoming";
  const live = inArray(bookings.status, ["held", "confirmed"]);
  const tab =
    options.when === "cancelled"
      ? inArray(bookings.status, ["cancelled", "expired"])
      : and(live, upcoming ? gt(bookings.endAt, now) : lte(bookings.endAt, now));
  return pageOfBookings(db, {
    where: and(eq(bookings.userId, userId), tab),
    direction: upcoming ? "asc" : "desc",
    limit: options.limit,
    cursor: options.cursor,
  });
}

/** Every booking (admins), filtered by resource, status and start range, earliest first. */
export function listAllBookings(
  db: Database,
  options: {
    resourceId?: string | undefined;
    status?: z.output<typeof bookingStatus> | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<BookingPage> {
  return pageOfBookings(db, {
    where: and(
      options.resourceId ? eq(bookings.resourceId, options.resourceId) : undefined,
      options.status ? eq(bookings.status, options.status) : undefined,
      options.from ? gte(bookings.startAt, new Date(options.from)) : undefined,
      options.to ? lt(bookings.startAt, new Date(options.to)) : undefined,
    ),
    direction: "asc",
    limit: options.limit,
    cursor: options.cursor,
  });
}

async function pageOfBookings(
  db: Database,
  query: { where: SQL | undefined; direction: "asc" | "desc"; limit: number; cursor?: string | undefined },
): Promise<BookingPage> {
  const after = query.cursor ? decodePageCursor(query.cursor) : undefined;
  const beyond = query.direction === "asc" ? gt : lt;
  const rows = await db
    .select({
      booking: bookings,
      resource: { name: resources.name, timeZone: resources.timeZone, freeCancellationHours: resources.freeCancellationHours },
      payment: payments,
    })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .leftJoin(payments, eq(payments.bookingId, bookings.id))
    .where(
      and(
        query.where,
        after
          ? or(beyond(bookings.startAt, after.at), and(eq(bookings.startAt, after.at), beyond(bookings.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(
      ...(query.direction === "asc" ? [asc(bookings.startAt), asc(bookings.id)] : [desc(bookings.startAt), desc(bookings.id)]),
    )
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toBookingOutput(row.booking, row.resource, row.payment)),
    nextCursor: rows.length > query.limit && last ? encodePageCursor(last.booking.startAt, last.booking.id) : null,
  };
}
