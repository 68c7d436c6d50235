import type { WebhookDeliveryRow, WebhookEndpointRow } from "@bookable/db";
import type { WebhookDeliveryOutput, WebhookEndpointOutput, WebhookEventType } from "@bookable/validators";
import type { WebhookPayload } from "./webhook-outbox.js";

export type LastDelivery = Pick<
  WebhookDeliveryRow,
  "status" | "eventType" | "createdAt" | "lastAttemptAt" | "lastResponseStatus"
>;

/** The one mapping of an endpoint row to what the API shows: never its secrets, sealed or not. */
export function toWebhookEndpointOutput(row: WebhookEndpointRow, last: LastDelivery | undefined): WebhookEndpointOutput {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    // The column is text[]: only subscribable types are ever written (the contract checks them).
    eventTypes: row.eventTypes as WebhookEventType[],
    scope: row.scope,
    ownerId: row.ownerId,
    status: row.disabledAt ? "disabled" : row.failingSince ? "failing" : "enabled",
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt:
      row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date() ? row.previousSecretExpiresAt.toISOString() : null,
    lastDelivery: last
      ? {
          status: last.status,
          eventType: last.eventType,
          createdAt: last.createdAt.toISOString(),
          lastAttemptAt: last.lastAttemptAt?.toISOString() ?? null,
          lastResponseStatus: last.lastResponseStatus,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toWebhookDeliveryOutput(row: WebhookDeliveryRow): WebhookDeliveryOutput {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventType: row.eventType,
    bookingId: row.bookingId,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastResponseStatus: row.lastResponseStatus,
    lastResponseMs: row.lastResponseMs,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    // Written by this server as a WebhookPayload (webhookPayload(), or a test event).
    payload: row.payload as WebhookPayload,
  };
}
