// A local stand-in for api.stripe.com for tests: the real `stripe` SDK talks to it over HTTP, every request is
// checked against Stripe's OpenAPI document, and Checkout Sessions, payment intents, charges and refunds keep
// state the way Bookable relies on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { OpenAPIBackend, Operation } from "openapi-backend";
import type { InvalidApiRequest } from "./fake-api-requests.js";
import { checkoutPage, isCheckoutPagePath } from "./fake-checkout-page.js";
import { type OperationHandler, stripeHandlers } from "./fake-stripe-handlers.js";
import {
  type FakeCharge,
  type FakeCheckoutSession,
  type FakePaymentIntent,
  type FakeRefund,
  stripeId,
} from "./fake-stripe-objects.js";
import { FakeStripeState } from "./fake-stripe-state.js";
import { canonicalJson, FormDecodeError, type FormParams, parseFormParams } from "./form-params.js";
import { errorTypeForStatus, FakeStripeError, stripeErrorBody } from "./stripe-errors.js";
import { fixtureResponseFor } from "./stripe-fixtures.js";
import { checkStripeRequest, stripeOpenApi } from "./stripe-openapi.js";
import { describeIssue } from "./validation-issues.js";

/** The request headers worth asserting on. */
export interface StripeRequestHeaders {
  authorization?: string;
  stripeVersion?: string;
  stripeAccount?: string;
  contentType?: string;
  userAgent?: string;
}

export interface RecordedStripeRequest {
  /** Also sent back in the `Request-Id` header, which the SDK puts on its errors as `requestId`. */
  readonly requestId: string;
  readonly method: string;
  /** Without the query string. */
  readonly path: string;
  /** Decoded from bracket notation; values stay strings. */
  readonly query: FormParams;
  /** Decoded from bracket notation and, once validated, coerced to the schema's types (`unit_amount: 3000`). */
  readonly body: FormParams;
  readonly rawBody: string;
  readonly idempotencyKey: string | undefined;
  readonly headers: StripeRequestHeaders;
  /** The operation of Stripe's OpenAPI document the request matched, e.g. `PostCheckoutSessions`. */
  readonly operationId: string | undefined;
  readonly status: number;
  /** Answered from the idempotency store instead of being executed again. */
  readonly idempotentReplayed: boolean;
  /** Time spent in openapi-backend's validateRequest, including compiling the operation's schema on first use. */
  readonly validationMs: number | undefined;
}

/** A request the real Stripe API would refuse for its parameters, URL or authentication (errors name the
 * parameter in Stripe's bracket notation). */
export type InvalidStripeRequest = InvalidApiRequest;

type RequestRecord = { -readonly [K in keyof RecordedStripeRequest]: RecordedStripeRequest[K] };

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface FailureRule {
  method: string;
  pathPrefix: string;
  status: number;
  remaining: number;
}

interface StoredReply {
  fingerprint: string;
  requestId: string;
  status: number;
  body: unknown;
}

/** Starts a fake on 127.0.0.1 on a free port. The OpenAPI document is loaded once per process and shared. */
export async function startFakeStripeServer(): Promise<FakeStripeServer> {
  const api = await stripeOpenApi();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("The fake Stripe server has no TCP address");
  return new FakeStripeServer(server, address.port, api);
}

/**
 * Point the SDK at it with `new Stripe(key, { host, port, protocol, maxNetworkRetries: 0 })`. Create it with
 * startFakeStripeServer.
 */
export class FakeStripeServer {
  readonly host = "127.0.0.1";
  readonly protocol = "http";
  readonly port: number;
  /** E.g. `http://127.0.0.1:41234`; Checkout Session urls point at `<url>/pay/<id>`. */
  readonly url: string;
  readonly #server: Server;
  readonly #api: OpenAPIBackend;
  readonly #state: FakeStripeState;
  readonly #handlers: ReadonlyMap<string, OperationHandler>;
  readonly #requests: RequestRecord[] = [];
  readonly #invalidRequests: InvalidStripeRequest[] = [];
  readonly #idempotentReplies = new Map<string, StoredReply>();
  #failures: FailureRule[] = [];

  constructor(server: Server, port: number, api: OpenAPIBackend) {
    this.#server = server;
    this.port = port;
    this.url = `http://${this.host}:${port}`;
    this.#api = api;
    this.#state = new FakeStripeState(this.url);
    this.#handlers = stripeHandlers(this.#state);
    server.on("request", (request: IncomingMessage, response: ServerResponse) => {
      void this.#onRequest(request, response);
    });
  }

  /** Every API request, oldest first (the /pay pages are not recorded). */
  get requests(): readonly RecordedStripeRequest[] {
    return this.#requests;
  }

  get invalidRequests(): readonly InvalidStripeRequest[] {
    return this.#invalidRequests;
  }

  /** Throws listing every request real Stripe would have refused for its parameters, URL or authentication. */
  assertAllRequestsValid(): void {
    if (this.#invalidRequests.length === 0) return;
    const lines = this.#invalidRequests.map(
      (invalid) => `- ${invalid.method} ${invalid.path} → ${invalid.status}: ${invalid.errors.join("; ")}`,
    );
    throw new Error(`The fake Stripe server received ${lines.length} invalid request(s):\n${lines.join("\n")}`);
  }

  /** Requests with this method whose path starts with `pathPrefix`, e.g. `("POST", "/v1/refunds")`. */
  requestsTo(method: string, pathPrefix: string): RecordedStripeRequest[] {
    const upper = method.toUpperCase();
    return this.#requests.filter((request) => request.method === upper && request.path.startsWith(pathPrefix));
  }

  countRequests(method: string, pathPrefix: string): number {
    return this.requestsTo(method, pathPrefix).length;
  }

  /**
   * The next `times` requests matching method and path prefix fail with a Stripe error of `status` (500 and 503
   * are `api_error`s the SDK retries). Injected failures are not stored under the idempotency key, so a retry runs.
   */
  failNext(method: string, pathPrefix: string, status: number, times = 1): void {
    this.#failures.push({ method: method.toUpperCase(), pathPrefix, status, remaining: times });
  }

  session(id: string): FakeCheckoutSession | undefined {
    const session = this.#state.sessions.get(id);
    return session && structuredClone(session);
  }

  paymentIntent(id: string): FakePaymentIntent | undefined {
    const paymentIntent = this.#state.paymentIntents.get(id);
    return paymentIntent && structuredClone(paymentIntent);
  }

  charge(id: string): FakeCharge | undefined {
    const charge = this.#state.charges.get(id);
    return charge && structuredClone(charge);
  }

  /** In creation order. */
  refunds(): FakeRefund[] {
    return [...this.#state.refunds.values()].map((refund) => structuredClone(refund));
  }

  /** The customer pays an open session: it completes, with a succeeded payment intent (`pi_...`) and charge. */
  completeSession(id: string): FakeCheckoutSession {
    return structuredClone(this.#state.completeSession(id));
  }

  /** What Stripe does to an open session at its expires_at. */
  expireSession(id: string): FakeCheckoutSession {
    return structuredClone(this.#state.expireSession(id));
  }

  /** Forgets all objects, recorded requests, idempotency keys and pending failures. */
  reset(): void {
    this.#state.reset();
    this.#requests.length = 0;
    this.#invalidRequests.length = 0;
    this.#idempotentReplies.clear();
    this.#failures = [];
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve, reject) => {
      this.#server.close((error) => (error ? reject(error) : resolve()));
    });
    // The SDK keeps connections alive; without this close() would wait for them to time out.
    this.#server.closeAllConnections();
    await closed;
  }

  async #onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      const rawBody = await readBody(request);
      const method = (request.method ?? "GET").toUpperCase();
      const url = new URL(request.url ?? "/", this.url);
      reply = isCheckoutPagePath(url.pathname)
        ? checkoutPage(this.#state, method, url.pathname)
        : this.#handleApiRequest(method, url, headerValues(request), rawBody);
    } catch (error) {
      // A bug in the fake itself: answer like a Stripe outage and keep serving.
      console.error("The fake Stripe server failed to handle a request", error);
      reply = { status: 500, body: stripeErrorBody("api_error", `The fake Stripe server failed: ${String(error)}`) };
    }
    const body = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    response.end(body);
  }

  #handleApiRequest(method: string, url: URL, headers: Record<string, string>, rawBody: string): Reply {
    const record: RequestRecord = {
      requestId: stripeId("req", 14),
      method,
      path: url.pathname,
      query: {},
      body: {},
      rawBody,
      idempotencyKey: headers["idempotency-key"],
      headers: {
        authorization: headers.authorization,
        stripeVersion: headers["stripe-version"],
        stripeAccount: headers["stripe-account"],
        contentType: headers["content-type"],
        userAgent: headers["user-agent"],
      },
      operationId: undefined,
      status: 0,
      idempotentReplayed: false,
      validationMs: undefined,
    };
    this.#requests.push(record);
    const reply = this.#replyTo(record, url, headers);
    record.status = reply.status;
    return {
      ...reply,
      headers: {
        "request-id": record.requestId,
        ...(record.headers.stripeVersion === undefined ? {} : { "stripe-version": record.headers.stripeVersion }),
        ...(record.idempotencyKey === undefined ? {} : { "idempotency-key": record.idempotencyKey }),
        ...reply.headers,
      },
    };
  }

  #replyTo(record: RequestRecord, url: URL, headers: Record<string, string>): Reply {
    try {
      record.query = parseFormParams(url.search.slice(1));
      // The v1 API only takes a body on POST; GET and DELETE send their parameters in the query string.
      if (record.method === "POST") record.body = parseFormParams(record.rawBody);
    } catch (error) {
      if (!(error instanceof FormDecodeError)) throw error;
      return this.#invalid(record, 400, `Invalid request: the parameters could not be decoded (${error.message}).`);
    }
    if (!/^Bearer \S+$/.test(headers.authorization ?? "")) return this.#invalid(record, 401, NO_API_KEY_MESSAGE);
    if (record.method === "POST" && record.rawBody !== "" && !isFormContentType(headers["content-type"])) {
      return this.#invalid(record, 400, "Invalid request: the body must be application/x-www-form-urlencoded.");
    }
    // Taken before validation, which coerces the body's values in place.
    const fingerprint = canonicalJson([record.method, record.path, record.query, record.body]);
    const check = checkStripeRequest(this.#api, {
      method: record.method,
      path: record.path,
      headers,
      query: record.query,
      body: record.method === "POST" ? record.body : undefined,
    });
    if (check.kind === "unknown-operation") {
      return this.#invalid(
        record,
        404,
        `Unrecognized request URL (${record.method}: ${record.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      );
    }
    record.operationId = check.operation.operationId;
    record.validationMs = check.validationMs;
    if (check.kind === "invalid") {
      const [first] = check.issues;
      return this.#invalid(record, 400, first?.message ?? "Invalid request", {
        errors: check.issues.map(describeIssue),
        param: first?.param || undefined,
      });
    }
    const failure = this.#takeInjectedFailure(record);
    if (failure !== undefined) return failure;

    // Like Stripe: only POSTs are idempotent by key, and only requests that got as far as executing are stored.
    const key = record.method === "POST" ? record.idempotencyKey : undefined;
    const stored = key === undefined ? undefined : this.#idempotentReplies.get(key);
    if (stored !== undefined) {
      if (stored.fingerprint !== fingerprint) {
        const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
        return { status: 400, body: stripeErrorBody("idempotency_error", message) };
      }
      record.idempotentReplayed = true;
      return {
        status: stored.status,
        body: stored.body,
        headers: { "idempotent-replayed": "true", "original-request": stored.requestId },
      };
    }
    const { reply, storable } = this.#execute(record, check.operation, check.pathParams);
    if (key !== undefined && storable) {
      this.#idempotentReplies.set(key, { fingerprint, requestId: record.requestId, status: reply.status, body: reply.body });
    }
    return reply;
  }

  #execute(record: RequestRecord, operation: Operation, pathParams: Record<string, string>): { reply: Reply; storable: boolean } {
    const handler = operation.operationId === undefined ? undefined : this.#handlers.get(operation.operationId);
    try {
      const body = handler
        ? handler({ path: record.path, pathParams, params: record.method === "POST" ? record.body : record.query })
        : fixtureResponseFor(operation, record.path, pathParams);
      return { reply: { status: 200, body }, storable: true };
    } catch (error) {
      if (!(error instanceof FakeStripeError)) throw error;
      if (error.invalidParams) this.#recordInvalid(record, error.status, error.message, [error.message]);
      // Stripe does not store a refusal of the parameters under the key, so a corrected retry can use it.
      return { reply: { status: error.status, body: error.toBody() }, storable: !error.invalidParams };
    }
  }

  #takeInjectedFailure(record: RequestRecord): Reply | undefined {
    const rule = this.#failures.find((failure) => failure.method === record.method && record.path.startsWith(failure.pathPrefix));
    if (rule === undefined) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#failures = this.#failures.filter((failure) => failure !== rule);
    const message = `Injected failure: the fake Stripe server was told to answer ${rule.status}.`;
    return { status: rule.status, body: stripeErrorBody(errorTypeForStatus(rule.status), message) };
  }

  #invalid(
    record: RequestRecord,
    status: number,
    message: string,
    details: { errors?: string[]; param?: string | undefined } = {},
  ): Reply {
    this.#recordInvalid(record, status, message, details.errors ?? [message]);
    return { status, body: stripeErrorBody("invalid_request_error", message, { param: details.param }) };
  }

  #recordInvalid(record: RequestRecord, status: number, message: string, errors: readonly string[]): void {
    this.#invalidRequests.push({
      requestId: record.requestId,
      method: record.method,
      path: record.path,
      operationId: record.operationId,
      status,
      message,
      errors,
    });
  }
}

const NO_API_KEY_MESSAGE =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

function isFormContentType(contentType: string | undefined): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/x-www-form-urlencoded";
}

function headerValues(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}
