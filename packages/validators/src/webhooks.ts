import { z } from "zod";
import { webhookDeliveryStatusValues, webhookEndpointScopeValues, webhookEventTypeValues } from "./enum-values.js";

export const webhookEventType = z.enum(webhookEventTypeValues).meta({
  id: "WebhookEventType",
  description: "An event an endpoint can subscribe to.",
});
export type WebhookEventType = z.infer<typeof webhookEventType>;

export const webhookEndpointScope = z.enum(webhookEndpointScopeValues).meta({
  id: "WebhookEndpointScope",
  description: "`all`: every booking (endpoints registered by admins); `own`: only the registering user's bookings.",
});

export const webhookDeliveryStatus = z.enum(webhookDeliveryStatusValues).meta({
  id: "WebhookDeliveryStatus",
  description: "`pending` (waiting for its first try or a retry), `delivered` (a 2xx answer), `failed` (retries ran out).",
});
