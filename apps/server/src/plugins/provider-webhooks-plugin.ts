import { errorIdOf } from "@bookable/api";
import { recordProviderDeliveryStatus, recordProviderMessageId, TWILIO_STATUS_CALLBACK_PATH } from "@bookable/core";
import type { Database } from "@bookable/db";
import { readResendWebhook, readTwilioStatusCallback, WebhookSignatureError } from "@bookable/integrations";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendError } from "./send-error.js";

export interface ProviderWebhooksOptions {
  db: Database;
  /** Resend's signing secret of the endpoint (whsec_…); without it the Resend route answers 404. */
  resendWebhookSecret: string | undefined;
  /** Twilio signs its callbacks with the account's auth token; without it the Twilio route answers 404. */
  twilioAuthToken: string | undefined;
  /** The origin Twilio was given in each StatusCallback URL: signatures cover the URL it called. */
  publicUrl: string;
}

/**
 * The providers' word on delivery (issue 13). `POST /webhooks/resend`: Resend's email events, signed by Svix.
 * `POST /webhooks/twilio/status`: Twilio's status callbacks, signed with X-Twilio-Signature. Bodies are kept
 * raw because the signatures cover them. A missing or wrong signature answers 400 and changes nothing; a
 * verified event updates the delivery log order-safely, so a replay (or a late, older status) changes nothing.
 */
export async function providerWebhooksPlugin(app: FastifyInstance, options: ProviderWebhooksOptions) {
  // Encapsulated: only these routes read bodies as raw bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

  app.post("/webhooks/resend", async (request, reply) => {
    const secret = options.resendWebhookSecret;
    if (!secret) return notConfigured(request, reply, "Resend delivery webhooks are not configured on this server");
    let notice: ReturnType<typeof readResendWebhook>;
    try {
      notice = readResendWebhook(secret, rawBody(request), request.headers);
    } catch (error) {
      if (!(error instanceof WebhookSignatureError)) throw error;
      request.log.warn({ reason: error.message }, "refused a Resend webhook with a bad signature");
      return badSignature(request, reply, "The Svix signature is missing, stale or does not match");
    }
    if (!notice) return reply.code(200).send({ received: true, outcome: "ignored" });
    const outcome = await recordProviderDeliveryStatus(
      options.db,
      {
        message: { providerMessageId: notice.emailId },
        status: notice.status,
        detail: notice.detail,
        markAddressUndeliverable: notice.addressUndeliverable,
      },
      request.log,
    );
    request.log.info({ eventId: notice.eventId, eventType: notice.type, outcome }, "processed a Resend event");
    if (outcome === "unknown_message" && isRecent(notice.createdAt)) {
      // The worker may not have recorded the email's id yet (Resend answered a moment ago): Svix delivers the
      // event again later. An old unknown event is another sender's on the same Resend account: 200, dropped.
      void reply.header("retry-after", "5");
      return sendError(reply, {
        code: "SERVICE_UNAVAILABLE",
        message: "No message with this email id yet; deliver the event again later",
        errorId: errorIdOf(request.raw),
      });
    }
    return reply.code(200).send({ received: true, outcome });
  });

  app.post(TWILIO_STATUS_CALLBACK_PATH, async (request, reply) => {
    const authToken = options.twilioAuthToken;
    if (!authToken) return notConfigured(request, reply, "Twilio is not configured on this server");
    const params = Object.fromEntries(new URLSearchParams(rawBody(request).toString("utf8")));
    const signature = request.headers["x-twilio-signature"];
    // The URL Twilio called, as it was given it: the public origin, not the one a proxy forwarded to.
    const url = `${options.publicUrl.replace(/\/+$/, "")}${request.url}`;
    const notice = readTwilioStatusCallback(authToken, typeof signature === "string" ? signature : undefined, url, params);
    if (!notice) {
      request.log.warn("refused a Twilio status callback with a bad signature");
      return badSignature(request, reply, "The Twilio signature is missing or does not match");
    }
    const query = new URL(url).searchParams;
    const reference = {
      notificationId: query.get("notification") ?? "",
      attemptToken: query.get("attempt") ?? "",
      providerMessageId: notice.messageSid,
    };
    if (!/^[0-9a-f-]{36}$/i.test(reference.notificationId) || reference.attemptToken === "") {
      return reply.code(200).send({ received: true, outcome: "unknown_message" });
    }
    const outcome = notice.status
      ? await recordProviderDeliveryStatus(
          options.db,
          { message: reference, status: notice.status, detail: notice.detail },
          request.log,
        )
      : (await recordProviderMessageId(options.db, reference))
        ? "applied"
        : "unchanged";
    request.log.info({ messageStatus: notice.twilioStatus, outcome }, "processed a Twilio status callback");
    return reply.code(200).send({ received: true, outcome });
  });
}

// How long after Resend created an event its email may still be unknown here: the send is being recorded.
const UNKNOWN_EMAIL_GRACE_MS = 60_000;

function isRecent(createdAt: Date | undefined): boolean {
  return createdAt !== undefined && Date.now() - createdAt.getTime() < UNKNOWN_EMAIL_GRACE_MS;
}

function rawBody(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

function notConfigured(request: FastifyRequest, reply: FastifyReply, message: string) {
  return sendError(reply, { code: "NOT_FOUND", message, errorId: errorIdOf(request.raw) });
}

function badSignature(request: FastifyRequest, reply: FastifyReply, message: string) {
  return sendError(reply, { code: "BAD_REQUEST", message, errorId: errorIdOf(request.raw) });
}
