import {
  type BookingRow,
  bookings,
  type Database,
  type DatabaseExecutor,
  type PaymentRow,
  payments,
  type ResourceRow,
  resources,
} from "@bookable/db";
import type { BookingOutput } from "@bookable/validators";
import { eq, inArray } from "drizzle-orm";
import { AppError } from "../app-error.js";
import { toBookingOutput } from "./to-booking-output.js";

export interface BookingViewer {
  id: string;
  role: "member" | "admin";
}

export interface BookingRecord {
  booking: BookingRow;
  resource: ResourceRow;
  payment: PaymentRow | null;
}

/**
 * A booking the viewer may see: their own, or any for an admin. Anyone else's answers NOT_FOUND, the same
 * as a booking that does not exist, so ids reveal nothing.
 */
export async function findVisibleBooking(db: Database, viewer: BookingViewer, bookingId: string): Promise<BookingRecord> {
  const row = await findBookingRecord(db, bookingId);
  if (!row || (row.booking.userId !== viewer.id && viewer.role !== "admin")) throw new AppError("NOT_FOUND", "No such booking");
  return row;
}

/** One booking with its resource and payment, whoever may see it; for services that already checked. */
export async function findBookingRecord(db: DatabaseExecutor, bookingId: string): Promise<BookingRecord | undefined> {
  const [row] = await db
    .select({ booking: bookings, resource: resources, payment: payments })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .leftJoin(payments, eq(payments.bookingId, bookings.id))
    .where(eq(bookings.id, bookingId));
  return row;
}

/** Several bookings with their resources and payments in one query, by id (the notification worker's batches). */
export async function findBookingRecords(db: DatabaseExecutor, bookingIds: string[]): Promise<Map<string, BookingRecord>> {
  if (bookingIds.length === 0) return new Map();
  const rows = await db
    .select({ booking: bookings, resource: resources, payment: payments })
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .leftJoin(payments, eq(payments.bookingId, bookings.id))
    .where(inArray(bookings.id, bookingIds));
  return new Map(rows.map((row) => [row.booking.id, row]));
}

/** The booking as the API shows it, to its booker or an admin. */
export async function getBooking(db: Database, viewer: BookingViewer, bookingId: string): Promise<BookingOutput> {
  const { booking, resource, payment } = await findVisibleBooking(db, viewer, bookingId);
  return toBookingOutput(booking, resource, payment);
}

/** The booking as the API shows it, read again after a change. */
export async function readBookingOutput(db: Database, bookingId: string): Promise<BookingOutput> {
  const row = await findBookingRecord(db, bookingId);
  if (!row) throw new AppError("NOT_FOUND", "No such booking");
  return toBookingOutput(row.booking, row.resource, row.payment);
}
