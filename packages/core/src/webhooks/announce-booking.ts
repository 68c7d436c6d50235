import type { DatabaseExecutor } from "@bookable/db";
import type { WebhookEventType } from "@bookable/validators";
import type { BookingRecord } from "../booking-store/find-booking.js";
import { toBookingOutput } from "../booking-store/to-booking-output.js";
import { enqueueWebhookEvents } from "./enqueue-webhook-events.js";
import type { WebhookOutbox } from "./webhook-outbox.js";

/**
 * Announces a booking's change to the subscribed webhook endpoints, in the transaction of the change. `data`
 * is the booking exactly as `GET /api/v1/bookings/{id}` returns it, built from the record the caller already
 * holds (no read): with no endpoint subscribed, the change costs one INSERT ... SELECT that writes nothing,
 * whatever the number of types; several (e.g. `booking.created` then `booking.confirmed`) are delivered in order.
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
  await enqueueWebhookEvents(
    transaction,
    outbox,
    booking.id,
    booking.userId,
    types.map((type) => ({ type, data, occurredAt: now })),
  );
}
