// The requests a fake vendor API records and the replies it gives; see FakeApiServer in fake-api-server.ts.
import type { Operation } from "openapi-backend";
import type { FormParams } from "./form-params.js";

export interface RecordedApiRequest {
  readonly requestId: string;
  readonly method: string;
  /** Without the query string. */
  readonly path: string;
  readonly query: FormParams;
  /** As sent, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  /** Decoded (JSON or form); form values are coerced to the document's types once validated. */
  readonly body: unknown;
  readonly idempotencyKey: string | undefined;
  /** The operation of the vendor's document the request matched. */
  readonly operationId: string | undefined;
  readonly status: number;
  /** Answered from the idempotency store instead of being executed again. */
  readonly idempotentReplayed: boolean;
  /** Time spent in openapi-backend's validateRequest, including compiling the operation's schema on first use. */
  readonly validationMs: number | undefined;
  /** When it arrived, by the fake's clock (epoch milliseconds). */
  readonly receivedAt: number;
  /** Refused with 429 for the fake's rate limit (FakeApiServer.limitRate). */
  readonly rateLimited: boolean;
}

/** A request the real API would refuse whatever the data: for its URL, authentication or parameters. */
export interface InvalidApiRequest {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly operationId: string | undefined;
  readonly status: number;
  /** The message the fake answered with. */
  readonly message: string;
  /** Every problem found. */
  readonly errors: readonly string[];
}

export type RequestRecord = { -readonly [K in keyof RecordedApiRequest]: RecordedApiRequest[K] };

export interface FakeReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface IncomingApiRequest {
  method: string;
  url: URL;
  headers: Readonly<Record<string, string>>;
  rawBody: string;
}

/** A validated request on its way to the operation's handler. */
export interface ValidApiRequest {
  record: RequestRecord;
  operation: Operation;
  pathParams: Record<string, string>;
}

export type ApiOperationHandler = (request: ValidApiRequest) => FakeReply;

/**
 * Thrown by a fake's hooks and handlers to answer with the vendor's error. `invalid` lists the request in
 * invalidRequests: set it when the real API refuses the request whatever the data (a malformed body, a missing
 * credential); leave it unset for an answer the app must handle, such as a recipient's address being refused.
 */
export class FakeApiRefusal extends Error {
  readonly reply: FakeReply;
  readonly invalid: boolean;
  readonly errors: readonly string[];

  constructor(reply: FakeReply, message: string, options: { invalid?: boolean; errors?: readonly string[] } = {}) {
    super(message);
    this.reply = reply;
    this.invalid = options.invalid ?? false;
    this.errors = options.errors ?? [message];
  }
}

/** The media type of a request's body, e.g. `application/json`, without parameters such as the charset. */
export function mediaType(request: IncomingApiRequest): string | undefined {
  return request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
}
