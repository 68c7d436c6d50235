import { type CreateEmailOptions, type CreateEmailResponse, Resend } from "resend";
import { type DeliveryError, deliveryError } from "../delivery-error.js";
import { type EmailMessage, type EmailSender, sendEachInTurn } from "./email-sender.js";

export interface ResendEmailSenderOptions {
  apiKey: string;
  /** The sender, e.g. `Bookable <bookings@example.com>`; its domain must be verified in Resend. */
  from: string;
  /** Another API server (the fake in tests): its origin, e.g. http://127.0.0.1:41234. */
  baseUrl?: string | undefined;
  /** How long one request may take before it counts as a network failure. */
  timeoutMs?: number | undefined;
}

const RESEND_API = "https://api.resend.com";

type ResendError = NonNullable<CreateEmailResponse["error"]>;

/** Sends email through Resend with the official SDK. Failures throw DeliveryError; the SDK itself never retries. */
export function createResendEmailSender(options: ResendEmailSenderOptions): EmailSender {
  // Without a key the SDK would fall back to RESEND_API_KEY from the environment; configuration is explicit here.
  if (!options.apiKey) throw new Error("The Resend email sender needs an API key");
  // Passed even when it is the default, so RESEND_BASE_URL in the environment cannot redirect the mail.
  const resend = new Resend(options.apiKey, { baseUrl: options.baseUrl ?? RESEND_API });
  const timeoutMs = options.timeoutMs ?? 15_000;
  const secrets = [options.apiKey];

  const sender: EmailSender = {
    kind: "resend",

    // Helper B's branch (issue 13) replaces this with POST /emails/batch; until then one call per message.
    sendBatch: (messages) => sendEachInTurn((message) => sender.send(message), messages),

    async send(message) {
      let response: CreateEmailResponse;
      try {
        response = await resend.emails.send(resendEmail(options.from, message), {
          idempotencyKey: message.idempotencyKey,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        // The SDK turns failures into `{ error }`, but a future version might throw, e.g. on the timeout.
        throw deliveryError({ provider: "Resend", status: undefined, detail: errorName(error) }, secrets);
      }
      if (response.error) throw resendFailure(response.error, secrets);
      return { id: response.data.id };
    },
  };
  return sender;
}

function resendEmail(from: string, message: EmailMessage): CreateEmailOptions {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    // Resend takes attachment content as base64; the SDK encodes a Buffer so, a string it would send as it is.
    ...(message.attachments?.length
      ? {
          attachments: message.attachments.map((attachment) => ({
            filename: attachment.filename,
            content: Buffer.from(attachment.content, "utf8"),
            contentType: attachment.contentType,
          })),
        }
      : {}),
    // Lets the Resend dashboard and its webhooks tell the templates apart.
    tags: [{ name: "template", value: tagValue(message.template) }],
  };
}

// Resend allows only ASCII letters, digits, `_` and `-` in tags, at most 256 of them.
function tagValue(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 256) || "none";
}

function resendFailure(error: ResendError, secrets: readonly string[]): DeliveryError {
  // The SDK reports a network failure as `application_error` without a status.
  const status = error.statusCode ?? undefined;
  return deliveryError(
    {
      provider: "Resend",
      status,
      code: error.name,
      detail: error.message,
      // Another request with the same key is still running: retrying later gets its answer.
      ...(error.name === "concurrent_idempotent_requests" ? { retriable: true } : {}),
      ...(status === undefined && error.name !== "application_error" ? { retriable: false } : {}),
    },
    secrets,
  );
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : "unknown error";
}
