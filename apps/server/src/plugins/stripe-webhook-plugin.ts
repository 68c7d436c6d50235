import { errorIdOf } from "@bookable/api";
import { type PaymentDependencies, processPaymentEvent } from "@bookable/core";
import { WebhookSignatureError } from "@bookable/integrations";
import type { FastifyInstance } from "fastify";
import { sendError } from "./send-error.js";

/**
 * `POST /webhooks/stripe`: Stripe's event deliveries. The body is kept raw, because the signature covers the
 * exact bytes; a missing or wrong signature answers 400 and changes nothing. A verified event is processed
 * once (replays answer 200 with `duplicate_event`); an error answers 500, so Stripe delivers it again later.
 */
export async function stripeWebhookPlugin(app: FastifyInstance, options: { payments: PaymentDependencies }) {
  // Encapsulated: only this route parses JSON as raw bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.post("/webhooks/stripe", async (request, reply) => {
    const gateway = options.payments.gateway;
    if (gateway?.mode !== "stripe")
      return sendError(reply, {
        code: "NOT_FOUND",
        message: "Stripe is not configured on this server",
        errorId: errorIdOf(request.raw),
      });
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const signature = request.headers["stripe-signature"];
    let notice: ReturnType<typeof gateway.verifyWebhook>;
    try {
      notice = gateway.verifyWebhook(rawBody, typeof signature === "string" ? signature : undefined);
    } catch (error) {
      if (!(error instanceof WebhookSignatureError)) throw error;
      request.log.warn({ reason: error.message }, "refused a Stripe webhook with a bad signature");
      return sendError(reply, {
        code: "BAD_REQUEST",
        message: "The Stripe signature is missing or does not match",
        errorId: errorIdOf(request.raw),
      });
    }
    const outcome = await processPaymentEvent(options.payments, notice);
    request.log.info({ eventId: notice.id, eventType: notice.type, outcome }, "processed a Stripe event");
    return reply.code(200).send({ received: true, outcome });
  });
}
