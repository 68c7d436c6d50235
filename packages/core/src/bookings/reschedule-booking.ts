import { bookingSeats, bookings, type Database, isExclusionViolation, isRetryableTransactionError, payments } from "@bookable/db";
import type { BookingOutput, rescheduleBookingInput } from "@bookable/validators";
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { AppError } from "../app-error.js";
import { type BookingRecord, type BookingViewer, findVisibleBooking } from "../booking-store/find-booking.js";
import { freeSeatNumbers, insertSeatRows, lockSeatRange } from "../booking-store/seat-allocation.js";
import { toBookingOutput } from "../booking-store/to-booking-output.js";
import { notifyBooking } from "../notifications/booking-notifications.js";
import type { NotificationOutbox } from "../notifications/notification-outbox.js";
import type { ResourceDefinitions } from "../resources/resource-definitions.js";
import { announceBooking } from "../webhooks/announce-booking.js";
import { requireOfferedSlot } from "./offered-slot.js";

export interface RescheduleBookingDependencies {
  db: Database;
  /** The "moved" message and the re-planned reminders are queued in the move's transaction. */
  outbox: NotificationOutbox | null;
  /** The resource and its date overrides, as the booking path reads them (the same slot rules). */
  resources: ResourceDefinitions;
}

export type RescheduleBookingRequest = z.output<typeof rescheduleBookingInput>;

const MAX_DEADLOCK_RETRIES = 8;

/**
 * Moves a held or confirmed booking that has not started to another slot of its resource, by its booker or an
 * admin (issue 15). The new start must be one the resource offers (requireOfferedSlot, as for booking). In ONE
 * transaction the booking's seat rows are deleted and the new slot's seats taken under the same range locks and
 * exclusion constraint as createBooking, so the move happens whole or not at all (SLOT_TAKEN): the old seats are
 * never free while the new ones are missing, and no seat is ever held twice. The booking keeps its id, its
 * payment and its price; a priced booking cannot move to a time at another price (RESCHEDULE_PRICE_DIFFERS).
 * Its calendar SEQUENCE grows, and the attendee gets one "moved" message with the reminders planned again.
 * A held booking keeps its open checkout: the amount is unchanged, though a Stripe Checkout page still names the
 * time it was opened for (its line items cannot be changed); the booking page and the emails show the new one.
 */
export async function rescheduleBooking(
  deps: RescheduleBookingDependencies,
  viewer: BookingViewer,
  request: RescheduleBookingRequest,
  now = new Date(),
): Promise<BookingOutput> {
  const found = await findVisibleBooking(deps.db, viewer, request.id);
  requireMovable(found, now);
  const definition = await deps.resources(found.booking.resourceId);
  const { resource } = definition;
  const slot = await requireOfferedSlot(definition, request.start, now);
  if (slot.start.getTime() === found.booking.startAt.getTime()) {
    throw new AppError("BAD_REQUEST", "The booking is already at this time", {
      issues: [{ path: "start", message: "Pick another time" }],
    });
  }
  // The price is per seat and per resource; the booking keeps the amount it was booked (and paid) at.
  const newPrice = resource.priceAmount * found.booking.seats;
  if (newPrice !== found.booking.priceAmount || (newPrice > 0 && resource.currency !== found.booking.currency)) {
    throw new AppError(
      "RESCHEDULE_PRICE_DIFFERS",
      "The new time costs a different amount than this booking; cancel it and book the new time instead",
    );
  }
  const previous = { start: found.booking.startAt, end: found.booking.endAt };
  // One span over the old and the new occupied range: its buckets are locked in ascending order, as every
  // booking locks, so a move never deadlocks with bookings of either slot (a span over a day locks the resource).
  const oldOccupied = await occupiedOf(deps.db, found.booking.id);
  const span = {
    start: new Date(Math.min(slot.occupied.start.getTime(), oldOccupied?.start.getTime() ?? slot.occupied.start.getTime())),
    end: new Date(Math.max(slot.occupied.end.getTime(), oldOccupied?.end.getTime() ?? slot.occupied.end.getTime())),
  };

  for (let attempt = 0; attempt <= resource.capacity + MAX_DEADLOCK_RETRIES; attempt++) {
    try {
      const moved = await deps.db.transaction(async (transaction) => {
        await lockSeatRange(transaction, resource.id, span);
        const [row] = await transaction
          .select({ booking: bookings, payment: payments })
          .from(bookings)
          .leftJoin(payments, eq(payments.bookingId, bookings.id))
          .where(eq(bookings.id, found.booking.id))
          .for("update", { of: bookings });
        if (!row) throw new AppError("NOT_FOUND", "No such booking");
        requireMovable({ ...found, booking: row.booking }, now);
        if (row.booking.startAt.getTime() !== previous.start.getTime()) {
          throw new AppError("CONFLICT", "This booking was moved meanwhile; reload it");
        }
        // Its own seats go first, so a move to an overlapping time (half an hour later) can reuse them.
        await transaction.delete(bookingSeats).where(eq(bookingSeats.bookingId, row.booking.id));
        const seatNumbers = await freeSeatNumbers(transaction, resource, slot.occupied, row.booking.seats, now);
        if (!seatNumbers) throw slotTaken();
        await insertSeatRows(transaction, row.booking, seatNumbers, slot.occupied);
        const [booking] = await transaction
          .update(bookings)
          .set({ startAt: slot.start, endAt: slot.end, sequence: sql`${bookings.sequence} + 1` })
          .where(eq(bookings.id, row.booking.id))
          .returning();
        if (!booking) throw new Error("Update of bookings returned no row");
        const record: BookingRecord = { booking, resource, payment: row.payment };
        await notifyBooking(transaction, deps.outbox, record, { kind: "rescheduled", previous }, now);
        await announceBooking(transaction, deps.outbox, record, ["booking.rescheduled"], now);
        return record;
      });
      return toBookingOutput(moved.booking, moved.resource, moved.payment);
    } catch (error) {
      if (isRetryableTransactionError(error)) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
        continue;
      }
      if (!isExclusionViolation(error)) throw error;
    }
  }
  throw slotTaken();
}

/** Only a live booking that has not started moves: not a cancelled or expired one, nor a hold whose time ran out. */
function requireMovable({ booking }: Pick<BookingRecord, "booking">, now: Date): void {
  if (booking.status === "cancelled" || booking.status === "expired") {
    throw new AppError("CONFLICT", `This booking is ${booking.status} and cannot be moved`);
  }
  if (booking.status === "held" && booking.holdExpiresAt !== null && booking.holdExpiresAt <= now) {
    throw new AppError("CONFLICT", "The time to pay for this booking has run out, so it cannot be moved");
  }
  if (booking.startAt <= now) throw new AppError("CONFLICT", "This booking has already started and cannot be moved");
}

/** The range the booking's seats occupy now (buffers included, as they were when it was booked). */
async function occupiedOf(db: Database, bookingId: string): Promise<{ start: Date; end: Date } | null> {
  const [row] = await db
    .select({ start: sql<string>`lower(${bookingSeats.occupied})`, end: sql<string>`upper(${bookingSeats.occupied})` })
    .from(bookingSeats)
    .where(eq(bookingSeats.bookingId, bookingId))
    .limit(1);
  return row ? { start: new Date(row.start), end: new Date(row.end) } : null;
}

function slotTaken(): AppError {
  return new AppError("SLOT_TAKEN", "That time was just taken; pick another");
}
