// A local stand-in for api.resend.com for tests: the real `resend` SDK talks to it over HTTP (pass its `url` as
// the SDK's baseUrl), every request is checked against Resend's OpenAPI document, and sent emails are kept so a
// test can assert what the provider received, and how often.
import {
  type ApiOperationHandler,
  FakeApiRefusal,
  type FakeReply,
  type IncomingApiRequest,
  mediaType,
  type ValidApiRequest,
} from "./fake-api-requests.js";
import { FakeApiServer, type RateWindow, startFakeApiServer } from "./fake-api-server.js";
import { canonicalJson, type FormParams, isRecord } from "./form-params.js";
import { type FakeResendEmail, newResendEmail, resendEmailResource, resendError, resendErrorName } from "./resend-emails.js";
import type { ValidationIssue } from "./validation-issues.js";
import type { VendorSpec } from "./vendor-openapi.js";

const RESEND_SPEC: VendorSpec = {
  name: "resend",
  file: new URL("../vendor-specs/resend/resend.json", import.meta.url),
  coerceBody: false,
  formats: {
    uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  },
};

interface StoredReply {
  fingerprint: string;
  reply: FakeReply;
}

/** Resend's default rate limit: requests a second per team, shared by all its API keys. */
export const RESEND_FAKE_DEFAULT_REQUESTS_PER_SECOND = 5;
/** Resend's most emails in one POST /emails/batch. */
const BATCH_LIMIT = 100;

export interface FakeResendServerOptions {
  /** Requests a second the fake allows before it answers 429 (Resend's default: 5); false for no limit. */
  requestsPerSecond?: number | false | undefined;
}

/**
 * Starts a fake on 127.0.0.1 on a free port. Resend's document is loaded once per process and shared. Like
 * Resend, it allows 5 requests a second unless told otherwise.
 */
export async function startFakeResendServer(options: FakeResendServerOptions = {}): Promise<FakeResendServer> {
  const server = await startFakeApiServer(RESEND_SPEC, FakeResendServer);
  const perSecond = options.requestsPerSecond ?? RESEND_FAKE_DEFAULT_REQUESTS_PER_SECOND;
  server.limitRate(perSecond === false ? undefined : perSecond);
  return server;
}

/** Create it with startFakeResendServer. */
export class FakeResendServer extends FakeApiServer<FakeResendEmail> {
  protected readonly vendor = "Resend";
  protected readonly operations: ReadonlyMap<string, ApiOperationHandler> = new Map([
    ["emails/send", (request: ValidApiRequest) => this.#sendEmail(request)],
    ["emails/send-batch", (request: ValidApiRequest) => this.#sendBatch(request)],
    ["emails/get", (request: ValidApiRequest) => this.#getEmail(request)],
  ]);
  readonly #idempotentReplies = new Map<string, StoredReply>();

  /** The emails Resend accepted, oldest first, single and batched; a replayed idempotent request adds none. */
  sentEmails(): FakeResendEmail[] {
    return this.savedObjects();
  }

  /** How many emails were accepted for each message key (the `message_key` tag, or a single send's key). */
  messageKeyCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const email of this.savedObjects()) {
      if (email.messageKey !== undefined) counts.set(email.messageKey, (counts.get(email.messageKey) ?? 0) + 1);
    }
    return counts;
  }

  /** Message keys accepted more than once: a message the recipient got twice. */
  duplicateMessageKeys(): string[] {
    return [...this.messageKeyCounts()].filter(([, count]) => count > 1).map(([key]) => key);
  }

  protected override admit(request: IncomingApiRequest): { body: FormParams | unknown[] | undefined } {
    if (!/^Bearer \S+$/.test(request.headers.authorization ?? "")) {
      refuse(401, "missing_api_key", "Missing API key in the authorization header.");
    }
    if (!request.headers.authorization?.startsWith("Bearer re_")) refuse(403, "invalid_api_key", "API key is invalid.");
    if (request.rawBody === "") return { body: undefined };
    if (mediaType(request) !== "application/json") {
      refuse(400, "validation_error", "The request body must be JSON, sent as application/json.");
    }
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody);
    } catch {
      refuse(400, "validation_error", "The request body is not valid JSON.");
    }
    // POST /emails/batch takes an array; the document says which operation takes which.
    if (!isRecord(body) && !Array.isArray(body)) refuse(400, "validation_error", "The request body must be JSON.");
    return { body };
  }

  protected override invalidParams(issues: readonly ValidationIssue[]): FakeReply {
    const [first] = issues;
    if (first?.location === "header" && first.param === "idempotency-key") {
      return resendError(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
    }
    return resendError(400, "validation_error", first?.message ?? "Invalid request");
  }

  protected override errorReply(status: number, message: string): FakeReply {
    const reply = resendError(status, resendErrorName(status), message);
    // An injected 429 says when to come back, as Resend's own does.
    return status === 429 ? { ...reply, headers: { "retry-after": "1" } } : reply;
  }

  // Resend's limit is per team: every request of every key counts.
  protected override rateLimitKey(): string {
    return "team";
  }

  protected override rateLimitedReply(window: RateWindow): FakeReply {
    const message = `Too many requests. You can only make ${window.limit} requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.`;
    return { ...resendError(429, "rate_limit_exceeded", message), headers: { "retry-after": String(window.resetSeconds) } };
  }

  // Resend's headers, after the IETF draft: on every answer.
  protected override rateLimitHeaders(window: RateWindow): Record<string, string> {
    return {
      "ratelimit-limit": String(window.limit),
      "ratelimit-remaining": String(Math.max(0, window.remaining)),
      "ratelimit-reset": String(window.resetSeconds),
    };
  }

  protected override resetState(): void {
    this.#idempotentReplies.clear();
  }

  // Like Resend: the same key with the same body answers the first response and sends nothing; with another body
  // it is refused. Only a sent email is stored under its key, so a request refused for its data can be retried.
  #sendEmail({ record }: ValidApiRequest): FakeReply {
    const body = isRecord(record.body) ? record.body : {};
    const key = record.idempotencyKey;
    const fingerprint = canonicalJson(body);
    const stored = key === undefined ? undefined : this.#idempotentReplies.get(key);
    if (stored !== undefined) {
      if (stored.fingerprint !== fingerprint) {
        refuse(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
      }
      record.idempotentReplayed = true;
      return stored.reply;
    }
    const email = newResendEmail(body, key);
    this.saveObject(email.id, email);
    const reply = { status: 200, body: { id: email.id } };
    if (key !== undefined) this.#idempotentReplies.set(key, { fingerprint, reply });
    return reply;
  }

  // POST /emails/batch: up to 100 emails, no attachments or scheduling (Resend's documented limits, which its
  // OpenAPI document does not express). Strict validation (the default) sends all or nothing; permissive
  // (`x-batch-validation: permissive`) sends the valid emails and lists the others in `errors` by index.
  #sendBatch({ record }: ValidApiRequest): FakeReply {
    const emails = Array.isArray(record.body) ? record.body.filter(isRecord) : [];
    if (emails.length === 0 || emails.length > BATCH_LIMIT) {
      refuse(422, "validation_error", `A batch holds 1 to ${BATCH_LIMIT} emails, not ${emails.length}.`);
    }
    const unsupported = emails.findIndex((email) => email.attachments !== undefined || email.scheduled_at !== undefined);
    if (unsupported >= 0) {
      refuse(
        422,
        "validation_error",
        `Email ${unsupported}: \`attachments\` and \`scheduled_at\` are not supported in batch sending.`,
      );
    }
    const permissive = record.headers["x-batch-validation"]?.toLowerCase() === "permissive";
    const key = record.idempotencyKey;
    const fingerprint = canonicalJson(emails);
    const stored = key === undefined ? undefined : this.#idempotentReplies.get(key);
    if (stored !== undefined) {
      if (stored.fingerprint !== fingerprint) {
        refuse(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
      }
      record.idempotentReplayed = true;
      return stored.reply;
    }
    const created: FakeResendEmail[] = [];
    const errors: { index: number; message: string }[] = [];
    emails.forEach((body, index) => {
      try {
        created.push(newResendEmail(body, key));
      } catch (error) {
        if (!(error instanceof FakeApiRefusal) || error.invalid || !permissive) throw error;
        errors.push({ index, message: error.message });
      }
    });
    for (const email of created) this.saveObject(email.id, email);
    const reply = { status: 200, body: { data: created.map((email) => ({ id: email.id })), ...(permissive ? { errors } : {}) } };
    if (key !== undefined) this.#idempotentReplies.set(key, { fingerprint, reply });
    return reply;
  }

  #getEmail({ pathParams }: ValidApiRequest): FakeReply {
    const email = this.findObject(pathParams.email_id);
    if (email === undefined) return resendError(404, "not_found", "Email not found");
    return { status: 200, body: resendEmailResource(email) };
  }
}

/** A refusal real Resend answers whatever the data: a bug in the caller, listed in invalidRequests. */
function refuse(status: number, name: string, message: string): never {
  throw new FakeApiRefusal(resendError(status, name, message), message, { invalid: true });
}
