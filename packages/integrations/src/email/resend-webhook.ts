import { Webhook, WebhookVerificationError } from "svix";
import { WebhookSignatureError } from "../payments/payment-gateway.js";

/** What a Resend delivery event says about one email, in the delivery log's words. */
export interface ResendDeliveryNotice {
  /** The Svix message id (`svix-id`): the same for every retry of one event. */
  eventId: string;
  type: string;
  /** Resend's email id, as its send API answered it. */
  emailId: string;
  status: "delivered" | "bounced" | "complained" | "failed" | "delayed";
  detail: string | undefined;
  /** A hard bounce or a complaint: the address should get no more mail it did not ask for. */
  addressUndeliverable: boolean;
  /** When Resend created the event (`created_at`), if it said. */
  createdAt: Date | undefined;
}

/**
 * Verifies a Resend webhook delivery (Svix signature over the exact raw body, with Svix's 5-minute timestamp
 * tolerance against replays of old deliveries) and reads it. Throws WebhookSignatureError when the signature
 * is missing, wrong or stale; answers undefined for a verified event about something else (opens, clicks,
 * contacts) or without an email id.
 */
export function readResendWebhook(
  secret: string,
  rawBody: Buffer,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): ResendDeliveryNotice | undefined {
  const svixHeaders = {
    "svix-id": header(headers, "svix-id"),
    "svix-timestamp": header(headers, "svix-timestamp"),
    "svix-signature": header(headers, "svix-signature"),
  };
  try {
    new Webhook(secret).verify(rawBody, svixHeaders);
  } catch (error) {
    if (error instanceof WebhookVerificationError) throw new WebhookSignatureError(error.message);
    throw error;
  }
  const event: unknown = JSON.parse(rawBody.toString("utf8"));
  if (!isRecord(event) || typeof event.type !== "string" || !isRecord(event.data)) return undefined;
  const { data } = event;
  if (typeof data.email_id !== "string") return undefined;
  const created = typeof event.created_at === "string" ? new Date(event.created_at) : undefined;
  const createdAt = created && !Number.isNaN(created.getTime()) ? created : undefined;
  const base = { eventId: svixHeaders["svix-id"], type: event.type, emailId: data.email_id, createdAt };
  switch (event.type) {
    case "email.delivered":
      return { ...base, status: "delivered", detail: undefined, addressUndeliverable: false };
    case "email.delivery_delayed":
      return { ...base, status: "delayed", detail: undefined, addressUndeliverable: false };
    case "email.complained":
      return { ...base, status: "complained", detail: "The recipient marked it as spam", addressUndeliverable: true };
    case "email.failed": {
      const reason = isRecord(data.failed) && typeof data.failed.reason === "string" ? data.failed.reason : undefined;
      return { ...base, status: "failed", detail: reason ?? "Resend could not send it", addressUndeliverable: false };
    }
    case "email.bounced": {
      const bounce = isRecord(data.bounce) ? data.bounce : {};
      const kind = typeof bounce.type === "string" ? bounce.type : "";
      const message = typeof bounce.message === "string" ? bounce.message : undefined;
      // Resend reports permanent rejections here; a `Transient` (soft) bounce does not condemn the address.
      const hard = !/transient/i.test(kind);
      return { ...base, status: "bounced", detail: message ?? `${kind || "Hard"} bounce`, addressUndeliverable: hard };
    }
    default:
      return undefined;
  }
}

function header(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
