import { bookingSeats, bookings, payments } from "@bookable/db";
import type { BookingOutput } from "@bookable/validators";
import { count, eq } from "drizzle-orm";
import { bearer } from "./account-helpers.js";
import type { TestServer } from "./test-server.js";

export const attendee = { name: "Ada Lovelace", email: "ada@example.com" };

export async function bookAs(server: TestServer, token: string, body: { resourceId: string; start: string }) {
  return server.postJson("/api/v1/bookings", { attendee, ...body }, bearer(token));
}

export async function getBookingAs(server: TestServer, token: string, id: string): Promise<BookingOutput> {
  const response = await server.app.inject({ method: "GET", url: `/api/v1/bookings/${id}`, headers: bearer(token) });
  if (response.statusCode !== 200) throw new Error(`GET booking ${id}: ${response.statusCode} ${response.body}`);
  return response.json() as BookingOutput;
}

export function cancelAs(server: TestServer, token: string, id: string, body: { refund?: boolean } = {}) {
  return server.postJson(`/api/v1/bookings/${id}/cancel`, body, bearer(token));
}

/** Makes a hold overdue, as if its time had run out. */
export async function makeHoldOverdue(server: TestServer, bookingId: string): Promise<void> {
  await server.database.db
    .update(bookings)
    .set({ holdExpiresAt: new Date(Date.now() - 1000) })
    .where(eq(bookings.id, bookingId));
}

/**
 * The booking as the database holds it, checked against the promise of the payments issue: it ends in
 * exactly one of confirmed-and-paid (its seats held), expired-and-unpaid, expired-or-cancelled-and-refunded,
 * or cancelled (unpaid, or paid and kept by policy) — never confirmed without money, never money kept for a
 * slot the booker does not have, never seats held by a booking that is not live.
 */
export async function settledState(server: TestServer, bookingId: string) {
  const db = server.database.db;
  const [row] = await db
    .select({ booking: bookings, payment: payments })
    .from(bookings)
    .leftJoin(payments, eq(payments.bookingId, bookings.id))
    .where(eq(bookings.id, bookingId));
  if (!row?.payment) throw new Error(`booking ${bookingId} has no payment`);
  const [seats] = await db.select({ n: count() }).from(bookingSeats).where(eq(bookingSeats.bookingId, bookingId));
  const { booking, payment } = row;
  const seatRows = seats?.n ?? 0;
  const refunded = payment.refundStatus !== null;
  let outcome: "confirmed-and-paid" | "expired-and-unpaid" | "refunded" | "cancelled-kept" | "cancelled-unpaid" | "inconsistent";
  if (booking.status === "confirmed" && payment.status === "paid" && !refunded && seatRows === booking.seats)
    outcome = "confirmed-and-paid";
  else if (booking.status === "expired" && payment.status === "unpaid" && !refunded && seatRows === 0)
    outcome = "expired-and-unpaid";
  else if (
    (booking.status === "expired" || booking.status === "cancelled") &&
    payment.status === "paid" &&
    refunded &&
    seatRows === 0
  )
    outcome = "refunded";
  else if (booking.status === "cancelled" && payment.status === "paid" && !refunded && seatRows === 0) outcome = "cancelled-kept";
  else if (booking.status === "cancelled" && payment.status !== "paid" && !refunded && seatRows === 0)
    outcome = "cancelled-unpaid";
  else outcome = "inconsistent";
  return { outcome, booking, payment, seatRows };
}
