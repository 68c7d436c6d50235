import {
  inTransaction,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
  webhookDeliveries,
  webhookEndpoints,
} from "@bookable/db";
import { and, eq, lt, sql } from "drizzle-orm";
import { disableFailingEndpoint } from "./disable-failing-endpoint.js";
import { sendWebhookRequest, type WebhookResponse } from "./send-webhook-request.js";
import { webhookSignatureHeader } from "./sign-webhook.js";
import type { WebhookDeliveryDependencies } from "./webhook-delivery-dependencies.js";
import { WEBHOOK_QUEUE, type WebhookJob } from "./webhook-outbox.js";
import { nextWebhookAttemptAt } from "./webhook-retry-schedule.js";
import { openWebhookSecret } from "./webhook-secret.js";

export type WebhookDeliveryOutcome = "delivered" | "retry" | "failed" | "deferred" | "skipped";

// A later event waiting for an earlier one looks again after this long at the least.
const DEFER_MS = 1_000;
// What the delivery log keeps of an error message.
const ERROR_LENGTH = 500;

/**
 * Works one delivery job: sends the delivery once, signed, and records what came of it. The delivery row,
 * not the job, says what is left to do, so a job run twice (a worker killed mid-request, brought back by
 * the job's expiry) sends again only while the delivery is still `pending`, with the same `webhook-id`:
 * at most one repeat, which the receiver recognises. A retry is a new job due at the backoff's time, sent in
 * the transaction that records the failure.
 */
export async function deliverWebhook(deps: WebhookDeliveryDependencies, deliveryId: string): Promise<WebhookDeliveryOutcome> {
  const [found] = await deps.db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  // Gone with its endpoint (deleted), or already delivered or given up.
  if (!found) return "skipped";
  const { delivery, endpoint } = found;
  if (delivery.status !== "pending") return "skipped";
  const now = new Date();
  if (endpoint.disabledAt) {
    await giveUp(deps, delivery.id, "The endpoint is disabled");
    return "failed";
  }
  const earlier = await earlierPendingDelivery(deps, delivery);
  if (earlier) {
    // Not an attempt: this event waits until the one before it for the same booking is delivered or given up.
    const startAfter = new Date(Math.max(earlier.nextAttemptAt.getTime(), now.getTime() + DEFER_MS));
    await deps.jobs.send(WEBHOOK_QUEUE, { deliveryId: delivery.id } satisfies WebhookJob, {
      startAfter,
      ...(delivery.bookingId ? { group: { id: `${endpoint.id}:${delivery.bookingId}` } } : {}),
    });
    return "deferred";
  }

  const body = JSON.stringify(delivery.payload);
  const response = await sendWebhookRequest(
    { url: endpoint.url, body, headers: signedHeaders(deps, endpoint, delivery.id, body, now) },
    { timeoutMs: deps.settings.timeoutMs, allowPrivateAddresses: deps.settings.allowPrivateAddresses },
  );
  if (response.answered && response.status >= 200 && response.status < 300) {
    await recordSuccess(deps, delivery, response, now);
    return "delivered";
  }
  if (!response.answered) {
    deps.log.warn(
      { deliveryId: delivery.id, endpointId: endpoint.id, blocked: response.blocked },
      "a webhook delivery got no answer",
    );
  }
  return recordFailure(deps, delivery, endpoint, response, now);
}

function signedHeaders(
  deps: WebhookDeliveryDependencies,
  endpoint: WebhookEndpointRow,
  messageId: string,
  body: string,
  now: Date,
): Record<string, string> {
  const secrets = [openWebhookSecret(deps.secretBox, endpoint.id, endpoint.sealedSecret)];
  // After a rotation the previous secret signs too, until it expires: receivers switch without losing events.
  if (endpoint.sealedPreviousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(openWebhookSecret(deps.secretBox, endpoint.id, endpoint.sealedPreviousSecret));
  }
  return {
    "content-type": "application/json",
    "user-agent": deps.settings.userAgent,
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": webhookSignatureHeader(secrets, messageId, now, body),
  };
}

/** The oldest delivery of the same booking to the same endpoint that is still waiting, if any. */
async function earlierPendingDelivery(deps: WebhookDeliveryDependencies, delivery: WebhookDeliveryRow) {
  if (!delivery.bookingId) return undefined;
  const [earlier] = await deps.db
    .select({ id: webhookDeliveries.id, nextAttemptAt: webhookDeliveries.nextAttemptAt })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, delivery.endpointId),
        eq(webhookDeliveries.bookingId, delivery.bookingId),
        eq(webhookDeliveries.status, "pending"),
        // Compared in the database: created_at has microseconds, a JS Date only milliseconds.
        lt(
          webhookDeliveries.createdAt,
          sql`(select later.created_at from webhook_deliveries later where later.id = ${delivery.id})`,
        ),
      ),
    )
    .orderBy(webhookDeliveries.createdAt)
    .limit(1);
  return earlier;
}

async function recordSuccess(
  deps: WebhookDeliveryDependencies,
  delivery: WebhookDeliveryRow,
  response: WebhookResponse & { answered: true },
  now: Date,
): Promise<void> {
  await deps.db.transaction(async (transaction) => {
    await transaction
      .update(webhookDeliveries)
      .set({
        status: "delivered",
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastAttemptAt: now,
        lastResponseStatus: response.status,
        lastResponseMs: response.ms,
        lastError: null,
        deliveredAt: new Date(),
      })
      .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.status, "pending")));
    // Any success ends the endpoint's run of failures.
    await transaction.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, delivery.endpointId));
  });
}

async function recordFailure(
  deps: WebhookDeliveryDependencies,
  delivery: WebhookDeliveryRow,
  endpoint: WebhookEndpointRow,
  response: WebhookResponse,
  now: Date,
): Promise<WebhookDeliveryOutcome> {
  const attempts = delivery.attempts + 1;
  const lastError = (response.answered ? `HTTP ${response.status}` : response.error).slice(0, ERROR_LENGTH);
  return deps.db.transaction(async (transaction) => {
    const [marked] = await transaction
      .update(webhookEndpoints)
      .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
      .where(eq(webhookEndpoints.id, endpoint.id))
      .returning({ failingSince: webhookEndpoints.failingSince });
    const failingSince = marked?.failingSince ?? now;
    const disabled =
      now.getTime() - failingSince.getTime() >= deps.settings.disableAfterMs &&
      (await disableFailingEndpoint(transaction, deps.outbox, endpoint, failingSince, lastError, now));
    const next = disabled ? null : nextWebhookAttemptAt(attempts, deps.settings.retryBaseSeconds, now);
    await transaction
      .update(webhookDeliveries)
      .set({
        status: next ? "pending" : "failed",
        attempts,
        nextAttemptAt: next ?? now,
        lastAttemptAt: now,
        lastResponseStatus: response.answered ? response.status : null,
        lastResponseMs: response.ms,
        lastError: disabled
          ? `${lastError}; the endpoint was disabled after failing since ${failingSince.toISOString()}`
          : lastError,
      })
      .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.status, "pending")));
    if (!next) return "failed";
    await deps.jobs.insert(
      WEBHOOK_QUEUE,
      [
        {
          data: { deliveryId: delivery.id } satisfies WebhookJob,
          startAfter: next,
          ...(delivery.bookingId ? { group: { id: `${endpoint.id}:${delivery.bookingId}` } } : {}),
        },
      ],
      { db: inTransaction(transaction) },
    );
    return "retry";
  });
}

async function giveUp(deps: WebhookDeliveryDependencies, deliveryId: string, reason: string): Promise<void> {
  await deps.db
    .update(webhookDeliveries)
    .set({ status: "failed", lastError: reason })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending")));
}
