import {
  createWebhookEndpointInput,
  listWebhookDeliveriesInput,
  sendWebhookTestInput,
  updateWebhookEndpointInput,
  webhookDeliveryIdInput,
  webhookDeliveryListOutput,
  webhookDeliveryOutput,
  webhookEndpointIdInput,
  webhookEndpointListOutput,
  webhookEndpointOutput,
  webhookEndpointWithSecretOutput,
} from "@bookable/validators";
import { z } from "zod";
import { protectedProcedure, router } from "../trpc.js";

const tags = ["webhooks"];
const notYours = "No such endpoint, or it is another member's.";

/**
 * Outgoing webhook endpoints (issue 16, Standard Webhooks; docs/webhooks.md). Admins manage every endpoint
 * and theirs hear every booking; a member (session or API key) manages their own, which hear their bookings.
 */
export const webhookEndpointsRouter = router({
  create: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/webhook-endpoints",
        tags,
        summary: "Register a webhook endpoint",
        description:
          "Deliveries are signed as Standard Webhooks specify (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the `secret` in this response, the only time it is shown. An admin's endpoint hears every booking (`scope: all`), a member's only their own (`scope: own`). The URL must be `https` in production. The caller's email must be confirmed. Send an `Idempotency-Key` header to make retries safe.",
        requestHeaders: z.object({ "Idempotency-Key": z.string().max(255).optional() }),
        errorResponses: {
          400: "A field is missing or invalid (`url`, `eventTypes`, `description`); `issues` names each one.",
          401: "No valid credential.",
          403: "`EMAIL_NOT_VERIFIED`: the caller has not confirmed their email address.",
          409: "`CONFLICT`: a request with this `Idempotency-Key` is still being handled.",
          422: "`IDEMPOTENCY_KEY_REUSED`: the key was used with another body.",
          429: "`RATE_LIMITED`: too many requests; `Retry-After` says when to try again.",
        },
      },
      successStatus: 201,
      credentialsUntouched: true,
    })
    .input(createWebhookEndpointInput)
    .output(webhookEndpointWithSecretOutput)
    .mutation(({ ctx, input }) => ctx.services.webhookEndpoints.create(ctx.user, input)),

  list: protectedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/webhook-endpoints",
        tags,
        summary: "Webhook endpoints",
        description: "Admins: every endpoint; members: their own. Oldest first, each with its newest delivery. Never the secret.",
        errorResponses: { 401: "No valid credential.", 429: "`RATE_LIMITED`: too many requests." },
      },
    })
    .input(z.object({}))
    .output(webhookEndpointListOutput)
    .query(({ ctx }) => ctx.services.webhookEndpoints.list(ctx.user)),

  get: protectedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/webhook-endpoints/{id}",
        tags,
        summary: "One webhook endpoint",
        description: "Without its secret.",
        errorResponses: { 401: "No valid credential.", 404: notYours, 429: "`RATE_LIMITED`: too many requests." },
      },
    })
    .input(webhookEndpointIdInput)
    .output(webhookEndpointOutput)
    .query(({ ctx, input }) => ctx.services.webhookEndpoints.get(ctx.user, input.id)),

  update: protectedProcedure
    .meta({
      openapi: {
        method: "PATCH",
        path: "/webhook-endpoints/{id}",
        tags,
        summary: "Change a webhook endpoint",
        description:
          "Only the fields sent change. `disabled: true` pauses deliveries; `disabled: false` resumes an endpoint (also one disabled after five days of failures) and clears its failure state.",
        errorResponses: {
          400: "A field is invalid; `issues` names each one.",
          401: "No valid credential.",
          403: "`EMAIL_NOT_VERIFIED`.",
          404: notYours,
          429: "`RATE_LIMITED`: too many requests.",
        },
      },
      credentialsUntouched: true,
    })
    .input(updateWebhookEndpointInput)
    .output(webhookEndpointOutput)
    .mutation(({ ctx, input }) => ctx.services.webhookEndpoints.update(ctx.user, input)),

  delete: protectedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/webhook-endpoints/{id}",
        tags,
        summary: "Delete a webhook endpoint",
        description: "With its delivery log; deliveries not yet sent are dropped.",
        errorResponses: { 401: "No valid credential.", 404: notYours, 429: "`RATE_LIMITED`: too many requests." },
      },
      credentialsUntouched: true,
    })
    .input(webhookEndpointIdInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.webhookEndpoints.delete(ctx.user, input.id);
      return { deleted: true as const };
    }),

  rotateSecret: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/webhook-endpoints/{id}/rotate-secret",
        tags,
        summary: "Rotate a webhook endpoint's secret",
        description:
          "A new `secret`, shown in this response only. For 24 hours (`previousSecretExpiresAt`) deliveries carry a signature with the previous secret too, so a receiver can switch without missing events; a second rotation within them drops the oldest secret.",
        errorResponses: { 401: "No valid credential.", 404: notYours, 429: "`RATE_LIMITED`: too many requests." },
      },
      credentialsUntouched: true,
    })
    .input(webhookEndpointIdInput)
    .output(webhookEndpointWithSecretOutput)
    .mutation(({ ctx, input }) => ctx.services.webhookEndpoints.rotateSecret(ctx.user, input.id)),

  deliveries: protectedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/webhook-endpoints/{id}/deliveries",
        tags,
        summary: "A webhook endpoint's delivery log",
        description:
          "Newest first, in pages (`nextCursor`), optionally one `status` or `eventType`: attempts, the last response's status and time, and the payload.",
        errorResponses: {
          400: "A filter or `cursor` is invalid.",
          401: "No valid credential.",
          404: notYours,
          429: "`RATE_LIMITED`: too many requests.",
        },
      },
    })
    .input(listWebhookDeliveriesInput)
    .output(webhookDeliveryListOutput)
    .query(({ ctx, input }) => ctx.services.webhookEndpoints.listDeliveries(ctx.user, input)),

  resend: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/webhook-endpoints/{id}/deliveries/{deliveryId}/resend",
        tags,
        summary: "Resend a delivery",
        description:
          "A `delivered` or `failed` delivery is queued again with its attempts started over: the same body and `webhook-id`, signed afresh.",
        errorResponses: {
          401: "No valid credential.",
          403: "`EMAIL_NOT_VERIFIED`.",
          404: "No such endpoint of yours, or no such delivery of it.",
          409: "`CONFLICT`: the delivery is still pending, or the endpoint is disabled.",
          429: "`RATE_LIMITED`: too many requests.",
        },
      },
      credentialsUntouched: true,
    })
    .input(webhookDeliveryIdInput)
    .output(webhookDeliveryOutput)
    .mutation(({ ctx, input }) => ctx.services.webhookEndpoints.resend(ctx.user, input.id, input.deliveryId)),

  sendTest: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/webhook-endpoints/{id}/test",
        tags,
        summary: "Send a test event",
        description:
          "Queues a `webhook.test` event (`data: { endpointId, message }`) to this endpoint only, whatever it subscribed to; it shows in the delivery log like any other.",
        errorResponses: {
          401: "No valid credential.",
          403: "`EMAIL_NOT_VERIFIED`.",
          404: notYours,
          409: "`CONFLICT`: the endpoint is disabled.",
          429: "`RATE_LIMITED`: too many requests.",
        },
      },
      successStatus: 201,
      credentialsUntouched: true,
    })
    .input(sendWebhookTestInput)
    .output(webhookDeliveryOutput)
    .mutation(({ ctx, input }) => ctx.services.webhookEndpoints.sendTest(ctx.user, input)),
});
