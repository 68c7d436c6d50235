import { randomUUID } from "node:crypto";
import {
  bookingSeats,
  bookings,
  type Database,
  isExclusionViolation,
  isRetryableTransactionError,
  type PaymentRow,
  payments,
} from "@bookable/db";
import type { createBookingInput } from "@bookable/validators";
import type { z } from "zod";
import { AppError } from "../app-error.js";
import type { BookingRecord } from "../booking-store/find-booking.js";
import { freeSeatNumbers, lockSeatRange, seatRowValues } from "../booking-store/seat-allocation.js";
import { notifyBooking } from "../notifications/booking-notifications.js";
import type { NotificationOutbox } from "../notifications/notification-outbox.js";
import type { ResourceDefinitions } from "../resources/resource-definitions.js";
import { announceBooking } from "../webhooks/announce-booking.js";
import { type BookingLimits, enforceBookingLimits } from "./booker-limits.js";
import { requireOfferedSlot } from "./offered-slot.js";
import { slotTakenAnswer } from "./slot-taken-answer.js";

export interface CreateBookingDependencies {
  db: Database;
  /** How long a priced booking's seats are held awaiting payment. */
  holdMinutes: number;
  /** How priced bookings are paid; null when no payment provider is available (they are refused). */
  paymentMode: PaymentRow["mode"] | null;
  /** A free booking's confirmation (and reminders) are queued in its transaction. */
  outbox: NotificationOutbox | null;
  /** Live holds and bookings per hour one account may have. */
  limits: BookingLimits;
  /** The resource and its date overrides, cached per definition version in the server (issue 12). */
  resources: ResourceDefinitions;
}

const MINUTE = 60_000;
const MAX_DEADLOCK_RETRIES = 8;

/**
 * Books seats of one slot. The slot must be one the resource offers (opening hours, notice, horizon);
 * whether its seats are free is decided by PostgreSQL: each seat is a row covered by an exclusion
 * constraint over its occupied range, so of any number of simultaneous attempts only as many as there
 * are seats can commit. A losing attempt re-reads the free seats and tries again, and answers
 * SLOT_TAKEN once none are left. Only bookings whose occupied ranges can overlap take turns (lockSeatRange
 * locks the range's time buckets). The booker's limits are counted in the same transaction, under a lock on
 * the booker, so parallel requests of one account cannot pass them (RATE_LIMITED). Returns the rows it
 * wrote, with the resource they were written against.
 */
export async function createBooking(
  deps: CreateBookingDependencies,
  userId: string,
  input: z.output<typeof createBookingInput>,
  now = new Date(),
): Promise<BookingRecord> {
  const definition = await deps.resources(input.resourceId);
  const { resource } = definition;
  // Archived resources are refused before the seat count (which would otherwise be the first complaint).
  if (resource.status !== "active") throw new AppError("BAD_REQUEST", "This resource is archived and takes no bookings");
  if (input.seats > resource.capacity) {
    throw new AppError("BAD_REQUEST", "Not that many seats", {
      issues: [{ path: "seats", message: `This resource has ${resource.capacity} seat${resource.capacity === 1 ? "" : "s"}` }],
    });
  }
  const { start, end, occupied } = await requireOfferedSlot(definition, input.start, now);
  const priced = resource.priceAmount > 0;
  if (priced && !deps.paymentMode) {
    throw new AppError("SERVICE_UNAVAILABLE", "Payments are not configured on this server, so priced resources cannot be booked");
  }

  // Every attempt either commits or loses a seat to a concurrent booking; each loss means one seat fewer.
  // Two simultaneous inserts into the exclusion constraint can also deadlock (PostgreSQL then aborts
  // one); that attempt is simply repeated after a short random pause.
  for (let attempt = 0; attempt <= resource.capacity + MAX_DEADLOCK_RETRIES; attempt++) {
    try {
      return await deps.db.transaction(async (transaction) => {
        // Statements per booking (issue 12): lock, limits, expire-and-read seats, booking-and-seats insert,
        // and for a free booking its messages and their jobs; nothing is read back that was just written.
        await lockSeatRange(transaction, resource.id, occupied, userId);
        await enforceBookingLimits(transaction, userId, deps.limits, priced, now);
        const seatNumbers = await freeSeatNumbers(transaction, resource, occupied, input.seats, now);
        if (!seatNumbers) throw await slotTakenAnswer(transaction, { userId, resourceId: resource.id, start, end });
        // The id is chosen here so the booking and its seat rows are one statement (the seat rows' foreign
        // key is checked at its end).
        const bookingId = randomUUID();
        const seatRows = transaction.$with("seat_rows").as(
          transaction
            .insert(bookingSeats)
            .values(seatRowValues({ id: bookingId, resourceId: resource.id }, seatNumbers, occupied))
            .returning({ seatNumber: bookingSeats.seatNumber }),
        );
        const [booking] = await transaction
          .with(seatRows)
          .insert(bookings)
          .values({
            id: bookingId,
            resourceId: resource.id,
            userId,
            status: priced ? "held" : "confirmed",
            startAt: start,
            endAt: end,
            seats: input.seats,
            attendeeName: input.attendee.name,
            attendeeEmail: input.attendee.email,
            attendeePhone: input.attendee.phone ?? null,
            attendeeTimeZone: input.attendee.timeZone ?? null,
            attendeeHourCycle: input.attendeeHourCycle ?? "h23",
            smsOptIn: input.attendee.smsOptIn === true && input.attendee.phone !== undefined,
            notes: input.notes ?? "",
            priceAmount: resource.priceAmount * input.seats,
            currency: resource.currency,
            holdExpiresAt: priced ? new Date(now.getTime() + deps.holdMinutes * MINUTE) : null,
          })
          .returning();
        if (!booking) throw new Error("Insert into bookings returned no row");
        let payment: PaymentRow | null = null;
        if (priced && deps.paymentMode && booking.holdExpiresAt) {
          // The payment row is written with the hold, so a held booking always has one; the checkout at the
          // provider is opened after the commit (openCheckout).
          [payment = null] = await transaction
            .insert(payments)
            .values({
              bookingId: booking.id,
              mode: deps.paymentMode,
              amount: booking.priceAmount,
              currency: booking.currency,
              checkoutExpiresAt: booking.holdExpiresAt,
            })
            .returning();
        }
        if (booking.status === "confirmed") {
          await notifyBooking(transaction, deps.outbox, { booking, resource, payment }, { kind: "confirmed" }, now);
        }
        // A free booking is confirmed at once: both events, in that order. A held one is confirmed on payment.
        const events =
          booking.status === "confirmed" ? (["booking.created", "booking.confirmed"] as const) : (["booking.created"] as const);
        await announceBooking(transaction, deps.outbox, { booking, resource, payment }, events, now);
        // The rows as written: the caller maps them once, and nothing reads them back (issue 14).
        return { booking, resource, payment };
      });
    } catch (error) {
      if (isRetryableTransactionError(error)) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
        continue;
      }
      if (!isExclusionViolation(error)) throw error;
    }
  }
  throw await slotTakenAnswer(deps.db, { userId, resourceId: resource.id, start, end });
}
