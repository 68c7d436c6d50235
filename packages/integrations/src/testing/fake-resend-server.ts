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
import { FakeApiServer, startFakeApiServer } from "./fake-api-server.js";
import { canonicalJson, type FormParams, isRecord } from "./form-params.js";
import { type FakeResendEmail, newResendEmail, resendEmailResource, resendError, resendErrorName } from "./resend-emails.js";
import type { ValidationIssue } from "./validation-issues.js";
import type { VendorSpec } from "./vendor-openapi.js";

const RESEND_SPEC: VendorSpec = {
  name: "resend",
  file: new URL("../../vendor-specs/resend/resend.json", import.meta.url),
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

/** Starts a fake on 127.0.0.1 on a free port. Resend's document is loaded once per process and shared. */
export function startFakeResendServer(): Promise<FakeResendServer> {
  return startFakeApiServer(RESEND_SPEC, FakeResendServer);
}

/** Create it with startFakeResendServer. */
export class FakeResendServer extends FakeApiServer<FakeResendEmail> {
  protected readonly vendor = "Resend";
  protected readonly operations: ReadonlyMap<string, ApiOperationHandler> = new Map([
    ["emails/send", (request: ValidApiRequest) => this.#sendEmail(request)],
    ["emails/get", (request: ValidApiRequest) => this.#getEmail(request)],
  ]);
  readonly #idempotentReplies = new Map<string, StoredReply>();

  /** The emails Resend accepted, oldest first; a replayed idempotent request adds none. */
  sentEmails(): FakeResendEmail[] {
    return this.savedObjects();
  }

  protected override admit(request: IncomingApiRequest): { body: FormParams | undefined } {
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
    if (!isRecord(body)) refuse(400, "validation_error", "The request body must be a JSON object.");
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
    return resendError(status, resendErrorName(status), message);
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
