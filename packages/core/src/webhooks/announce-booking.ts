import type { DatabaseExecutor } from "@bookable/db";
import type { WebhookEventType } from "@bookable/validators";
import type { BookingRecord } from "../booking-store/find-booking.js";
import { toBookingOutput } from "../booking-store/to-booking-output.js";
import { enqueueWebhookEvent } from "./enqueue-webhook-event.js";
import type { WebhookOutbox } from "./webhook-outbox.js";

/**
 * Announces a booking's change to the subscribed webhook endpoints, in the transaction of the change. `data`
 * is the booking exactly as `GET /api/v1/bookings/{id}` returns it, built from the record the caller already
 * holds (no read): with no endpoint subscribed, each event costs one INSERT ... SELECT that writes nothing.
 * Several types (e.g. `booking.created` then `booking.confirmed`) are written in that order and delivered so.
 */
export async function announceBooking(
  transaction: DatabaseExecutor,
  outbox: WebhookOutbox | null,
  record: BookingRecord | undefined,
  types: readonly WebhookEventType[],
  now = new Date(),
): Promise<void> {
  if (!outbox || !record) return;
  const { booking, resource, payment } = record;
  const data = toBookingOutput(booking, resource, payment);
  for (const type of types) {
    await enqueueWebhookEvent(transaction, outbox, {
      type,
      bookingId: booking.id,
      bookerId: booking.userId,
      data,
      occurredAt: now,
    });
  }
}
