import type { DatabaseExecutor } from "@bookable/db";
import { sql } from "drizzle-orm";
import { enqueueDeliveryJobs } from "./enqueue-webhook-event.js";
import { type WebhookEvent, type WebhookOutbox, webhookPayload } from "./webhook-outbox.js";

/**
 * Several events of one change about one booking (`booking.created` then `booking.confirmed`) in a single
 * INSERT ... SELECT, like enqueueWebhookEvent does for one: a change costs one statement when no endpoint
 * subscribes, however many events it announces. Each endpoint's deliveries get increasing `created_at` in the
 * order given, which is the order the worker sends them in. Returns the delivery ids.
 */
export async function enqueueWebhookEvents(
  transaction: DatabaseExecutor,
  outbox: WebhookOutbox,
  bookingId: string,
  bookerId: string,
  events: Pick<WebhookEvent, "type" | "data" | "occurredAt">[],
): Promise<string[]> {
  if (events.length === 0) return [];
  const values = sql.join(
    events.map((event, order) => sql`(${event.type}::text, ${JSON.stringify(webhookPayload(event))}::text, ${order}::int)`),
    sql`, `,
  );
  const result: unknown = await transaction.execute(sql`
    with clock as (select clock_timestamp() as at)
    insert into webhook_deliveries (id, endpoint_id, event_type, booking_id, payload, status, attempts, next_attempt_at, created_at)
    select gen_random_uuid(), endpoint.id, event.type, ${bookingId}::uuid, event.payload::jsonb, 'pending'::webhook_delivery_status, 0, now(),
      -- one reading of the clock plus the event's place: the events' order, whatever order the rows are made in
      clock.at + event.place * interval '1 microsecond'
    from webhook_endpoints endpoint
    cross join clock
    cross join (values ${values}) as event(type, payload, place)
    where endpoint.disabled_at is null
      and event.type = any(endpoint.event_types)
      and (endpoint.scope = 'all' or endpoint.user_id = ${bookerId}::uuid)
    returning id, endpoint_id`);
  const rows = rowsOf(result).map((row) => ({ id: String(row.id), endpointId: String(row.endpoint_id) }));
  await enqueueDeliveryJobs(transaction, outbox, rows, bookingId);
  return rows.map((row) => row.id);
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  if (typeof result !== "object" || result === null || !("rows" in result) || !Array.isArray(result.rows)) {
    throw new Error("The database driver answered without rows");
  }
  return result.rows as Record<string, unknown>[];
}
