import { z } from "zod";
import { webhookDeliveryStatusValues, webhookEndpointScopeValues, webhookEventTypeValues } from "./enum-values.js";
import { jsonBoolean } from "./json-boolean.js";
import { pageCursor } from "./page-cursor.js";
import { plainText } from "./plain-text.js";

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

/** The one event type that is not subscribable: sent only by "send a test event", to that one endpoint. */
export const WEBHOOK_TEST_EVENT_TYPE = "webhook.test";

const endpointUrl = z
  .string({ error: "URL is required" })
  .trim()
  .max(2000, { error: "URL must be at most 2000 characters" })
  .check(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL", abort: true }))
  // Credentials in the URL would be stored and shown readable (decision 018); receivers verify signatures instead.
  .refine((url) => !/^https?:\/\/[^/?#]*@/i.test(url), { error: "Remove the user name and password from the URL" })
  .meta({
    description: "Where deliveries are POSTed. `https` (plain `http` only outside production).",
    example: "https://example.com/hooks/bookable",
  });

const eventTypes = z
  .array(webhookEventType, { error: "Choose the events to send" })
  .min(1, { error: "Choose at least one event" })
  .max(webhookEventTypeValues.length)
  .refine((types) => new Set(types).size === types.length, { error: "List each event once" })
  .meta({ description: "The events to send; at least one.", example: ["booking.created", "booking.cancelled"] });

const description = plainText({ multiline: true })
  .max(500, { error: "Description must be at most 500 characters" })
  .meta({ description: "What the endpoint is for.", example: "Sync bookings to our CRM" });

export const createWebhookEndpointInput = z.object({ url: endpointUrl, eventTypes, description: description.optional() }).meta({
  id: "CreateWebhookEndpointInput",
  example: {
    url: "https://example.com/hooks/bookable",
    eventTypes: ["booking.created", "booking.cancelled"],
    description: "Sync bookings to our CRM",
  },
});
export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointInput>;

export const webhookEndpointIdInput = z.object({ id: z.uuid({ error: "Not a webhook endpoint id" }) });

export const updateWebhookEndpointInput = z
  .object({
    id: z.uuid({ error: "Not a webhook endpoint id" }),
    url: endpointUrl.optional(),
    eventTypes: eventTypes.optional(),
    description: description.nullable().optional().meta({ description: "`null` removes it." }),
    disabled: jsonBoolean()
      .optional()
      .meta({ description: "`true` pauses deliveries; `false` resumes them and clears a failure state.", example: false }),
  })
  .meta({ id: "UpdateWebhookEndpointInput", example: { id: "0b9f6a52-3c1e-4f8e-9d4b-2a7c5e1f8d30", disabled: false } });

export const webhookEndpointStatus = z.enum(["enabled", "failing", "disabled"]).meta({
  id: "WebhookEndpointStatus",
  description:
    "`enabled`; `failing` (enabled, but its deliveries have failed without a success since `failingSince`; after five days it is disabled); `disabled` (by its owner, or after five days of failures: `disabledReason`).",
});

export const webhookEndpointOutput = z
  .object({
    id: z.uuid(),
    url: z.string().meta({ example: "https://example.com/hooks/bookable" }),
    description: z.string().nullable().meta({ example: "Sync bookings to our CRM" }),
    eventTypes: z.array(webhookEventType).meta({ example: ["booking.created", "booking.cancelled"] }),
    scope: webhookEndpointScope,
    ownerId: z.uuid().meta({ description: "Who registered it." }),
    status: webhookEndpointStatus,
    disabledAt: z.iso.datetime().nullable(),
    disabledReason: z.string().nullable().meta({ example: null }),
    failingSince: z.iso.datetime().nullable(),
    previousSecretExpiresAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: "After a rotation: until then deliveries carry a signature with the previous secret too." }),
    lastDelivery: z
      .object({
        status: webhookDeliveryStatus,
        eventType: z.string().meta({ example: "booking.created" }),
        createdAt: z.iso.datetime(),
        lastAttemptAt: z.iso.datetime().nullable(),
        lastResponseStatus: z.int().nullable().meta({ example: 200 }),
      })
      .nullable()
      .meta({ description: "The newest delivery to it; null when none yet." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint", description: "An endpoint outgoing webhooks are sent to, without its secret." });
export type WebhookEndpointOutput = z.infer<typeof webhookEndpointOutput>;

export const webhookEndpointWithSecretOutput = webhookEndpointOutput
  .extend({
    secret: z.string().meta({
      description:
        "The signing secret (Standard Webhooks `whsec_...`): in this response only. Verify deliveries with it; it is never shown again.",
      example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    }),
  })
  .meta({ id: "WebhookEndpointWithSecret" });
export type WebhookEndpointWithSecretOutput = z.infer<typeof webhookEndpointWithSecretOutput>;

export const webhookEndpointListOutput = z.object({ items: z.array(webhookEndpointOutput) }).meta({ id: "WebhookEndpointList" });

export const webhookDeliveryOutput = z
  .object({
    id: z.uuid().meta({ description: "Also the `webhook-id` header: the same on every attempt and on a resend." }),
    endpointId: z.uuid(),
    eventType: z.string().meta({ description: "A subscribable event type, or `webhook.test`.", example: "booking.created" }),
    bookingId: z.uuid().nullable(),
    status: webhookDeliveryStatus,
    attempts: z.int().meta({ example: 1 }),
    nextAttemptAt: z.iso.datetime().meta({ description: "When a `pending` delivery is tried (again)." }),
    lastAttemptAt: z.iso.datetime().nullable(),
    lastResponseStatus: z
      .int()
      .nullable()
      .meta({ description: "The receiver's HTTP status; null if it never answered.", example: 200 }),
    lastResponseMs: z.int().nullable().meta({ description: "How long the last attempt took.", example: 84 }),
    lastError: z.string().nullable().meta({ example: null }),
    deliveredAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    payload: z
      .object({
        type: z.string().meta({ example: "webhook.test" }),
        timestamp: z.iso.datetime(),
        data: z.unknown().meta({
          description: "For booking events the booking as `GET /bookings/{id}` returns it.",
          example: { endpointId: "0b6f2d7e-3c1a-4f8e-9d2b-5a7c8e1f4b3d", message: "Hello from Bookable" },
        }),
      })
      .meta({ description: "The exact JSON body that is signed and sent." }),
  })
  .meta({ id: "WebhookDelivery", description: "One event sent (or being sent) to one endpoint." });
export type WebhookDeliveryOutput = z.infer<typeof webhookDeliveryOutput>;

export const listWebhookDeliveriesInput = z
  .object({
    id: z.uuid({ error: "Not a webhook endpoint id" }),
    status: webhookDeliveryStatus.optional(),
    eventType: z.string().max(100).optional().meta({ example: "booking.created" }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: pageCursor.optional(),
  })
  .meta({ id: "ListWebhookDeliveriesInput" });

export const webhookDeliveryListOutput = z
  .object({ items: z.array(webhookDeliveryOutput), nextCursor: z.string().nullable() })
  .meta({ id: "WebhookDeliveryList" });

export const webhookDeliveryIdInput = z.object({
  id: z.uuid({ error: "Not a webhook endpoint id" }),
  deliveryId: z.uuid({ error: "Not a delivery id" }),
});

export const sendWebhookTestInput = z
  .object({
    id: z.uuid({ error: "Not a webhook endpoint id" }),
    message: plainText()
      .max(200, { error: "Message must be at most 200 characters" })
      .optional()
      .meta({ description: "Put in the test event's `data.message`.", example: "Hello from Bookable" }),
  })
  .meta({ id: "SendWebhookTestInput" });
