import { type Database, type WebhookEndpointRow, webhookDeliveries } from "@bookable/db";
import { type listWebhookDeliveriesInput, WEBHOOK_TEST_EVENT_TYPE, type WebhookDeliveryOutput } from "@bookable/validators";
import { and, desc, eq, inArray, lt, or } from "drizzle-orm";
import type { z } from "zod";
import { AppError } from "../app-error.js";
import { decodePageCursor, encodePageCursor } from "../pagination/page-cursor.js";
import { enqueueDeliveryJobs } from "./enqueue-webhook-event.js";
import { findManagedEndpoint, requireVerifiedCaller, type WebhookCaller } from "./webhook-endpoints-access.js";
import type { WebhookEndpointsDependencies } from "./webhook-endpoints-dependencies.js";
import { toWebhookDeliveryOutput } from "./webhook-endpoints-output.js";
import type { WebhookPayload } from "./webhook-outbox.js";

/** An endpoint's delivery log, newest first, in cursor pages. */
export async function listWebhookDeliveries(
  db: Database,
  caller: WebhookCaller,
  input: z.output<typeof listWebhookDeliveriesInput>,
): Promise<{ items: WebhookDeliveryOutput[]; nextCursor: string | null }> {
  const endpoint = await findManagedEndpoint(db, caller, input.id);
  const after = input.cursor ? decodePageCursor(input.cursor) : undefined;
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpoint.id),
        input.status ? eq(webhookDeliveries.status, input.status) : undefined,
        input.eventType ? eq(webhookDeliveries.eventType, input.eventType) : undefined,
        after
          ? or(
              lt(webhookDeliveries.createdAt, after.at),
              and(eq(webhookDeliveries.createdAt, after.at), lt(webhookDeliveries.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toWebhookDeliveryOutput),
    nextCursor: rows.length > input.limit && last ? encodePageCursor(last.createdAt, last.id) : null,
  };
}

/**
 * Sends a finished delivery (delivered or failed) again: the same body and `webhook-id`, so a receiver that
 * already has it can tell, with its attempts started over. One still pending is on its way already (409).
 */
export async function resendWebhookDelivery(
  deps: WebhookEndpointsDependencies,
  caller: WebhookCaller,
  endpointId: string,
  deliveryId: string,
): Promise<WebhookDeliveryOutput> {
  requireVerifiedCaller(caller);
  return deps.db.transaction(async (transaction) => {
    const endpoint = await findManagedEndpoint(transaction, caller, endpointId);
    requireEnabled(endpoint);
    const [row] = await transaction
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextAttemptAt: new Date(), deliveredAt: null })
      .where(
        and(
          eq(webhookDeliveries.id, deliveryId),
          eq(webhookDeliveries.endpointId, endpoint.id),
          inArray(webhookDeliveries.status, ["delivered", "failed"]),
        ),
      )
      .returning();
    if (!row) {
      const [existing] = await transaction
        .select({ status: webhookDeliveries.status })
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpoint.id)));
      if (!existing) throw new AppError("NOT_FOUND", "No such delivery of this endpoint");
      throw new AppError("CONFLICT", "This delivery is still pending: it will be tried again by itself");
    }
    await enqueueDeliveryJobs(transaction, deps.outbox, [row], row.bookingId ?? undefined);
    return toWebhookDeliveryOutput(row);
  });
}

/** Queues a `webhook.test` event to this endpoint alone, whatever it subscribed to. */
export async function sendWebhookTestEvent(
  deps: WebhookEndpointsDependencies,
  caller: WebhookCaller,
  input: { id: string; message?: string | undefined },
  now = new Date(),
): Promise<WebhookDeliveryOutput> {
  requireVerifiedCaller(caller);
  return deps.db.transaction(async (transaction) => {
    const endpoint = await findManagedEndpoint(transaction, caller, input.id);
    requireEnabled(endpoint);
    const payload: WebhookPayload = {
      type: WEBHOOK_TEST_EVENT_TYPE,
      timestamp: now.toISOString(),
      data: { endpointId: endpoint.id, message: input.message || "This is a test event from Bookable." },
    };
    const [row] = await transaction
      .insert(webhookDeliveries)
      .values({ endpointId: endpoint.id, eventType: WEBHOOK_TEST_EVENT_TYPE, payload, nextAttemptAt: now, createdAt: now })
      .returning();
    if (!row) throw new Error("the delivery insert returned no row");
    await enqueueDeliveryJobs(transaction, deps.outbox, [row], undefined);
    return toWebhookDeliveryOutput(row);
  });
}

// A disabled endpoint is sent nothing; resending or testing it would only pile up deliveries nobody sends.
function requireEnabled(endpoint: WebhookEndpointRow): void {
  if (endpoint.disabledAt) throw new AppError("CONFLICT", "This endpoint is disabled; enable it first");
}
