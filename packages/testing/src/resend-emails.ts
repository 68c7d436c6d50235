// The emails the fake Resend server stores, and Resend's checks of a send request beyond its OpenAPI document.
import { randomUUID } from "node:crypto";
import { FakeApiRefusal, type FakeReply } from "./fake-api-requests.js";
import { type FormParams, isRecord, stringListParam, stringParam } from "./form-params.js";

export interface FakeResendAttachment {
  filename: string | undefined;
  contentType: string | undefined;
  /** Decoded from base64 as UTF-8; undefined for an attachment Resend would fetch from `path`. */
  content: string | undefined;
  path: string | undefined;
}

export interface FakeResendEmail {
  /** A UUID, as Resend's. */
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  cc: string[];
  bcc: string[];
  replyTo: string[];
  tags: { name: string; value: string }[];
  attachments: FakeResendAttachment[];
  /** The Idempotency-Key of the request that sent it: the message's own, or its batch's. */
  idempotencyKey: string | undefined;
  /** The message it was sent for: its `message_key` tag, else the key of the single send that carried it. */
  messageKey: string | undefined;
  /** In Resend's format, e.g. `2026-05-01 09:30:00.123+00`. */
  createdAt: string;
}

/** The tag under which the Resend adapter sends each message's own idempotency key. */
export const MESSAGE_KEY_TAG = "message_key";

/** Resend's error body; the SDK returns it as `{ error }`. */
export function resendError(status: number, name: string, message: string): FakeReply {
  return { status, body: { statusCode: status, name, message } };
}

/** The `name` Resend uses for a status, for failures injected with failNext. */
export function resendErrorName(status: number): string {
  if (status >= 500) return "application_error";
  const names: Record<number, string> = {
    401: "missing_api_key",
    403: "invalid_api_key",
    404: "not_found",
    405: "method_not_allowed",
    409: "invalid_idempotent_request",
    422: "validation_error",
    429: "rate_limit_exceeded",
  };
  return names[status] ?? "validation_error";
}

// `ada@example.com` or `Ada Lovelace <ada@example.com>`, which is what Resend accepts.
const ADDRESS = /^(?:[^<>]*<\s*[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+\s*>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A validated `POST /emails` body as the email Resend stores; throws FakeApiRefusal as Resend refuses. */
export function newResendEmail(body: FormParams, idempotencyKey: string | undefined): FakeResendEmail {
  const to = stringListParam(body, "to");
  const from = stringParam(body, "from") ?? "";
  // The recipient's address is data the app must expect to be refused, so this is not listed as invalid.
  for (const [field, addresses] of [
    ["to", to],
    ["from", [from]],
  ] as const) {
    if (!addresses.every((address) => ADDRESS.test(address))) {
      const message = `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`;
      throw new FakeApiRefusal(resendError(422, "validation_error", message), message);
    }
  }
  const tags = records(body.tags).map((tag) => ({
    name: stringParam(tag, "name") ?? "",
    value: stringParam(tag, "value") ?? "",
  }));
  return {
    id: randomUUID(),
    from,
    to,
    subject: stringParam(body, "subject") ?? "",
    html: stringParam(body, "html") ?? null,
    text: stringParam(body, "text") ?? null,
    cc: stringListParam(body, "cc"),
    bcc: stringListParam(body, "bcc"),
    replyTo: stringListParam(body, "reply_to"),
    tags,
    attachments: records(body.attachments).map(attachment),
    idempotencyKey,
    messageKey: tags.find((tag) => tag.name === MESSAGE_KEY_TAG)?.value ?? idempotencyKey,
    createdAt: new Date().toISOString().replace("T", " ").replace("Z", "+00"),
  };
}

function attachment(params: FormParams): FakeResendAttachment {
  const content = stringParam(params, "content");
  const path = stringParam(params, "path");
  if (content === undefined && path === undefined) refuseAttachment("Attachment must have either a `content` or `path`.");
  // Resend documents content as base64. Plain text here is a bug in the caller (it would arrive garbled), so
  // the fake refuses it; whether Resend itself does is not documented.
  if (content !== undefined && !BASE64.test(content)) refuseAttachment("Attachment `content` must be base64-encoded.");
  return {
    filename: stringParam(params, "filename"),
    contentType: stringParam(params, "content_type"),
    content: content === undefined ? undefined : Buffer.from(content, "base64").toString("utf8"),
    path,
  };
}

function refuseAttachment(message: string): never {
  throw new FakeApiRefusal(resendError(422, "invalid_attachment", message), message, { invalid: true });
}

function records(value: unknown): FormParams[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** The email as `GET /emails/{id}` answers it. */
export function resendEmailResource(email: FakeResendEmail): Record<string, unknown> {
  return {
    object: "email",
    id: email.id,
    to: email.to,
    from: email.from,
    created_at: email.createdAt,
    subject: email.subject,
    html: email.html,
    text: email.text,
    cc: email.cc.length > 0 ? email.cc : null,
    bcc: email.bcc.length > 0 ? email.bcc : null,
    reply_to: email.replyTo.length > 0 ? email.replyTo : null,
    // The fake delivers at once.
    last_event: "delivered",
    scheduled_at: null,
    tags: email.tags,
  };
}
