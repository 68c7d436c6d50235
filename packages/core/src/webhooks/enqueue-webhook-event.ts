import { type DatabaseExecutor, inTransaction, type JobInsert, webhookDeliveries, webhookEndpoints } from "@bookable/db";
import { and, arrayContains, eq, isNull, or, sql } from "drizzle-orm";
import { WEBHOOK_QUEUE, type WebhookEvent, type WebhookJob, type WebhookOutbox, webhookPayload } from "./webhook-outbox.js";

/**
 * Writes one delivery per enabled endpoint subscribed to the event (admins' endpoints hear every booking, a
 * member's only their own) and puts their jobs on the queue, all in the caller's transaction: a change that
 * rolls back announces nothing, a committed one is always delivered or ends `failed`. One INSERT ... SELECT,
 * so a change with no subscribed endpoint costs a single statement. Returns the delivery ids.
 */
export async function enqueueWebhookEvent(
  transaction: DatabaseExecutor,
  outbox: WebhookOutbox,
  event: WebhookEvent,
): Promise<string[]> {
  const payload = JSON.stringify(webhookPayload(event));
  const audience =
    event.bookerId === undefined
      ? eq(webhookEndpoints.scope, "all")
      : or(eq(webhookEndpoints.scope, "all"), eq(webhookEndpoints.ownerId, event.bookerId));
  const rows = await transaction
    .insert(webhookDeliveries)
    .select(
      transaction
        .select({
          id: sql<string>`gen_random_uuid()`.as("id"),
          endpointId: sql<string>`${webhookEndpoints.id}`.as("endpoint_id"),
          eventType: sql<string>`${event.type}`.as("event_type"),
          bookingId: sql<string | null>`${event.bookingId ?? null}::uuid`.as("booking_id"),
          payload: sql<unknown>`${payload}::jsonb`.as("payload"),
          status: sql<"pending">`'pending'::webhook_delivery_status`.as("status"),
          attempts: sql<number>`0`.as("attempts"),
          nextAttemptAt: sql<Date>`now()`.as("next_attempt_at"),
          lastAttemptAt: sql<Date | null>`null::timestamptz`.as("last_attempt_at"),
          lastResponseStatus: sql<number | null>`null::integer`.as("last_response_status"),
          lastResponseMs: sql<number | null>`null::integer`.as("last_response_ms"),
          lastError: sql<string | null>`null::text`.as("last_error"),
          deliveredAt: sql<Date | null>`null::timestamptz`.as("delivered_at"),
          // The clock, not the transaction start: events of one change (created, then confirmed) keep their order.
          createdAt: sql<Date>`clock_timestamp()`.as("created_at"),
        })
        .from(webhookEndpoints)
        .where(and(isNull(webhookEndpoints.disabledAt), arrayContains(webhookEndpoints.eventTypes, [event.type]), audience)),
    )
    .returning({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId });
  await enqueueDeliveryJobs(transaction, outbox, rows, event.bookingId);
  return rows.map((row) => row.id);
}

/** Puts delivery jobs on the queue in the caller's transaction (also used by resend and test events). */
export async function enqueueDeliveryJobs(
  transaction: DatabaseExecutor,
  outbox: WebhookOutbox,
  deliveries: { id: string; endpointId: string }[],
  bookingId: string | undefined,
): Promise<void> {
  if (deliveries.length === 0) return;
  const jobs = deliveries.map(
    (delivery): JobInsert<WebhookJob> => ({
      data: { deliveryId: delivery.id },
      // One booking's events to one endpoint form a job group, held by one worker at a time.
      ...(bookingId ? { group: { id: `${delivery.endpointId}:${bookingId}` } } : {}),
    }),
  );
  await outbox.jobs.insert(WEBHOOK_QUEUE, jobs, { db: inTransaction(transaction) });
}
