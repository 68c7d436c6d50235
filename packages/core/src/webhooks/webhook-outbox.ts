import type { JobQueue } from "@bookable/db";
import type { WebhookEventType } from "@bookable/validators";

/** The pg-boss queue every outgoing webhook delivery goes through. */
export const WEBHOOK_QUEUE = "webhooks";

/** A job on the webhook queue names its delivery row, which holds the endpoint, payload and attempts. */
export interface WebhookJob {
  deliveryId: string;
}

/** What enqueueing webhook events needs; built once at start by the host. */
export interface WebhookOutbox {
  jobs: JobQueue;
}

/** Something that happened, as every subscribed endpoint will receive it. */
export interface WebhookEvent {
  type: WebhookEventType;
  /** The booking it is about: its events reach each endpoint in order, and it picks `own` endpoints. */
  bookingId?: string | undefined;
  /** The booker: endpoints with scope `own` registered by this user also hear the event. */
  bookerId?: string | undefined;
  /** The event's `data`: for booking events, the booking exactly as `GET /api/v1/bookings/{id}` returns it. */
  data: unknown;
  occurredAt: Date;
}

/** The signed JSON body, in the Standard Webhooks shape (`type`, `timestamp`, `data`). */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: unknown;
}

export function webhookPayload(event: Pick<WebhookEvent, "type" | "data" | "occurredAt">): WebhookPayload {
  return { type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data };
}
