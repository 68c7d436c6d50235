// What the fake Resend and Twilio servers share: a loopback HTTP server that records every request, checks it
// against the vendor's OpenAPI document, injects failures on demand and lists the requests the real API would
// refuse. A vendor's fake supplies how requests are decoded and authenticated, its error shape, and the
// operations it models (the request and reply types are in fake-api-requests.ts).
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { text } from "node:stream/consumers";
import type { OpenAPIBackend } from "openapi-backend";
import {
  type ApiOperationHandler,
  FakeApiRefusal,
  type FakeReply,
  type IncomingApiRequest,
  type InvalidApiRequest,
  type RecordedApiRequest,
  type RequestRecord,
  type ValidApiRequest,
} from "./fake-api-requests.js";
import type { FormParams } from "./form-params.js";
// Stripe's request check is vendor-neutral: it matches the operation and validates with openapi-backend.
import { checkStripeRequest as checkOpenApiRequest } from "./stripe-openapi.js";
import { describeIssue, type ValidationIssue } from "./validation-issues.js";
import { type VendorSpec, vendorOpenApi } from "./vendor-openapi.js";

/** Where a request stands against the fake's rate limit, in the fake's own one-second windows. */
export interface RateWindow {
  /** Requests allowed per window. */
  limit: number;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Whole seconds until the window ends (at least 1). */
  resetSeconds: number;
}

interface FailureRule {
  method: string;
  pathPrefix: string;
  status: number;
  remaining: number;
  /** Carry the request out and answer the failure anyway: an answer lost on its way back. */
  afterExecuting: boolean;
}

/**
 * Starts a vendor's fake on 127.0.0.1 on a free port. The vendor's document is loaded once per process and
 * shared by all its fakes.
 */
export async function startFakeApiServer<T extends FakeApiServer<unknown>>(
  spec: VendorSpec,
  Fake: new (server: Server, api: OpenAPIBackend) => T,
): Promise<T> {
  const api = await vendorOpenApi(spec);
  const server = createServer();
  server.listen(0, "127.0.0.1");
  // Rejects when the server emits `error` first.
  await once(server, "listening");
  return new Fake(server, api);
}

/** `TObject`: what the fake keeps of what it was sent (emails, messages), by id. */
export abstract class FakeApiServer<TObject> {
  readonly host = "127.0.0.1";
  readonly port: number;
  /** E.g. `http://127.0.0.1:41234`: the base URL to give the SDK. */
  readonly url: string;
  readonly #server: Server;
  readonly #api: OpenAPIBackend;
  readonly #requests: RequestRecord[] = [];
  readonly #invalidRequests: InvalidApiRequest[] = [];
  readonly #objects = new Map<string, TObject>();
  #failures: FailureRule[] = [];
  #requestsPerSecond: number | undefined;
  readonly #windows = new Map<string, { second: number; count: number }>();

  /** Names the vendor in messages, e.g. "Resend". */
  protected abstract readonly vendor: string;
  /** The operations the fake models, by operationId; any other valid request is answered 501. */
  protected abstract readonly operations: ReadonlyMap<string, ApiOperationHandler>;

  // Public so that startFakeApiServer can construct any vendor's fake; the class itself is abstract.
  constructor(server: Server, api: OpenAPIBackend) {
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("A fake API server needs a TCP address");
    this.#server = server;
    this.#api = api;
    this.port = address.port;
    this.url = `http://${this.host}:${address.port}`;
    server.on("request", (request: IncomingMessage, response: ServerResponse) => {
      void this.#onRequest(request, response);
    });
  }

  /** Decodes the body and checks the credentials; throws FakeApiRefusal when either is wrong. */
  protected abstract admit(request: IncomingApiRequest): { body: FormParams | unknown[] | undefined };
  /** The vendor's answer to a request its document refuses. */
  protected abstract invalidParams(issues: readonly ValidationIssue[]): FakeReply;
  /** The vendor's error for a status (404 for an unknown operation, injected failures, a bug in the fake). */
  protected abstract errorReply(status: number, message: string): FakeReply;

  /**
   * What a request counts against when the fake limits its rate (limitRate), e.g. the team for Resend or the
   * sender for Twilio; undefined for a request the limit does not cover. Not limited by default.
   */
  protected rateLimitKey(_request: ValidApiRequest): string | undefined {
    return undefined;
  }

  /** The vendor's answer to a request past the rate. */
  protected rateLimitedReply(window: RateWindow): FakeReply {
    return this.errorReply(429, `Too many requests: at most ${window.limit} a second.`);
  }

  /** Headers the vendor adds to every answer to a limited request, e.g. Resend's `ratelimit-*`. */
  protected rateLimitHeaders(_window: RateWindow): Record<string, string> {
    return {};
  }

  /** Every request, oldest first. */
  get requests(): readonly RecordedApiRequest[] {
    return this.#requests;
  }

  get invalidRequests(): readonly InvalidApiRequest[] {
    return this.#invalidRequests;
  }

  /** Throws listing every request the real API would have refused for its URL, authentication or parameters. */
  assertAllRequestsValid(): void {
    if (this.#invalidRequests.length === 0) return;
    const lines = this.#invalidRequests.map(
      (invalid) => `- ${invalid.method} ${invalid.path} → ${invalid.status}: ${invalid.errors.join("; ")}`,
    );
    throw new Error(`The fake ${this.vendor} server received ${lines.length} invalid request(s):\n${lines.join("\n")}`);
  }

  /** Requests with this method whose path starts with `pathPrefix`. */
  requestsTo(method: string, pathPrefix: string): RecordedApiRequest[] {
    const upper = method.toUpperCase();
    return this.#requests.filter((request) => request.method === upper && request.path.startsWith(pathPrefix));
  }

  /**
   * The next `times` valid requests matching method and path prefix fail with the vendor's error for `status`
   * (429 and 5xx are what a retry can get through). Nothing is stored for them, so a retry runs for real.
   */
  failNext(method: string, pathPrefix: string, status: number, times = 1): void {
    this.#failures.push({ method: method.toUpperCase(), pathPrefix, status, remaining: times, afterExecuting: false });
  }

  /**
   * The next `times` valid requests matching method and path prefix are carried out (emails sent, objects
   * stored) but answered with the vendor's error for `status`, as when the answer is lost on the way back: the
   * case in which a retry must not send again.
   */
  loseNextAnswer(method: string, pathPrefix: string, status = 500, times = 1): void {
    this.#failures.push({ method: method.toUpperCase(), pathPrefix, status, remaining: times, afterExecuting: true });
  }

  /**
   * Answers past `requestsPerSecond` requests in one second of the fake's clock (whole seconds, as the vendor's
   * `reset` headers count them) with the vendor's 429; which requests count, and together, is the vendor's
   * rateLimitKey. Undefined lifts the limit.
   */
  limitRate(requestsPerSecond: number | undefined): void {
    this.#requestsPerSecond = requestsPerSecond;
    this.#windows.clear();
  }

  /** Requests refused with 429 for the rate (not injected failures). */
  rateLimitedRequests(): RecordedApiRequest[] {
    return this.#requests.filter((request) => request.rateLimited);
  }

  /**
   * The most requests matching method and path prefix that the fake let through in one second of its clock:
   * what a test asserts stays within the rate.
   */
  busiestSecond(method: string, pathPrefix: string): number {
    const perSecond = new Map<number, number>();
    for (const request of this.requestsTo(method, pathPrefix)) {
      if (request.rateLimited) continue;
      const second = Math.floor(request.receivedAt / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    return Math.max(0, ...perSecond.values());
  }

  /** Forgets stored objects, recorded requests, idempotency keys, pending failures and the rate's counts. */
  reset(): void {
    this.resetState();
    this.#objects.clear();
    this.#requests.length = 0;
    this.#invalidRequests.length = 0;
    this.#failures = [];
    this.#windows.clear();
  }

  async close(): Promise<void> {
    const closed = once(this.#server, "close");
    this.#server.close();
    // SDKs keep connections alive; close() alone would wait for them to time out.
    this.#server.closeAllConnections();
    await closed;
  }

  /** Forgets what a vendor's fake keeps beyond its objects, e.g. idempotency keys. */
  protected resetState(): void {}

  protected saveObject(id: string, object: TObject): void {
    this.#objects.set(id, object);
  }

  protected findObject(id: string | undefined): TObject | undefined {
    return id === undefined ? undefined : this.#objects.get(id);
  }

  /** Copies of the stored objects, oldest first, so a test cannot change what the fake holds. */
  protected savedObjects(): TObject[] {
    return [...this.#objects.values()].map((object) => structuredClone(object));
  }

  async #onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let reply: FakeReply;
    try {
      const incoming: IncomingApiRequest = {
        method: (request.method ?? "GET").toUpperCase(),
        url: new URL(request.url ?? "/", this.url),
        headers: headerValues(request),
        rawBody: await text(request),
      };
      reply = this.#answer(incoming);
    } catch (error) {
      // A bug in the fake itself: answer like an outage and keep serving.
      console.error(`The fake ${this.vendor} server failed to handle a request`, error);
      reply = this.errorReply(500, `The fake ${this.vendor} server failed: ${String(error)}`);
    }
    response.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...reply.headers });
    response.end(JSON.stringify(reply.body));
  }

  #answer(incoming: IncomingApiRequest): FakeReply {
    const record: RequestRecord = {
      requestId: randomUUID(),
      method: incoming.method,
      path: incoming.url.pathname,
      query: Object.fromEntries(incoming.url.searchParams),
      headers: incoming.headers,
      rawBody: incoming.rawBody,
      body: undefined,
      idempotencyKey: incoming.headers["idempotency-key"],
      operationId: undefined,
      status: 0,
      idempotentReplayed: false,
      validationMs: undefined,
      receivedAt: Date.now(),
      rateLimited: false,
    };
    this.#requests.push(record);
    try {
      const reply = this.#check(incoming, record);
      record.status = reply.status;
      return reply;
    } catch (error) {
      if (!(error instanceof FakeApiRefusal)) throw error;
      record.status = error.reply.status;
      if (error.invalid) {
        const { requestId, method, path, operationId } = record;
        this.#invalidRequests.push({
          requestId,
          method,
          path,
          operationId,
          status: record.status,
          message: error.message,
          errors: error.errors,
        });
      }
      return error.reply;
    }
  }

  #check(incoming: IncomingApiRequest, record: RequestRecord): FakeReply {
    const { body } = this.admit(incoming);
    record.body = body;
    const check = checkOpenApiRequest(this.#api, {
      method: record.method,
      path: record.path,
      headers: record.headers,
      query: record.query,
      body,
    });
    if (check.kind === "unknown-operation") {
      const message = `${record.method} ${record.path} is not an operation of the ${this.vendor} API`;
      throw new FakeApiRefusal(this.errorReply(404, message), message, { invalid: true });
    }
    record.operationId = check.operation.operationId;
    record.validationMs = check.validationMs;
    if (check.kind === "invalid") {
      const reply = this.invalidParams(check.issues);
      const message = check.issues[0]?.message ?? "Invalid request";
      throw new FakeApiRefusal(reply, message, { invalid: true, errors: check.issues.map(describeIssue) });
    }
    const valid: ValidApiRequest = { record, operation: check.operation, pathParams: check.pathParams };
    const window = this.#countAgainstRate(valid);
    if (window !== undefined && window.remaining < 0) {
      record.rateLimited = true;
      return withHeaders(this.rateLimitedReply({ ...window, remaining: 0 }), this.rateLimitHeaders({ ...window, remaining: 0 }));
    }
    const reply = this.#execute(valid);
    return window === undefined ? reply : withHeaders(reply, this.rateLimitHeaders(window));
  }

  #execute(request: ValidApiRequest): FakeReply {
    const { record, operation } = request;
    const rule = this.#takeInjectedFailure(record);
    const failure =
      rule && this.errorReply(rule.status, `Injected failure: the fake ${this.vendor} server was told to answer ${rule.status}.`);
    if (failure !== undefined && !rule?.afterExecuting) return failure;
    const handler = operation.operationId === undefined ? undefined : this.operations.get(operation.operationId);
    if (handler === undefined) {
      return this.errorReply(501, `The fake ${this.vendor} server does not model ${operation.operationId ?? record.path}`);
    }
    const reply = handler(request);
    return failure ?? reply;
  }

  // Fixed one-second windows of the fake's clock; a refused request counts too, as it does at the vendors.
  #countAgainstRate(request: ValidApiRequest): RateWindow | undefined {
    const limit = this.#requestsPerSecond;
    const key = limit === undefined ? undefined : this.rateLimitKey(request);
    if (limit === undefined || key === undefined) return undefined;
    const now = request.record.receivedAt;
    const second = Math.floor(now / 1000);
    const current = this.#windows.get(key);
    const window = current?.second === second ? current : { second, count: 0 };
    window.count += 1;
    this.#windows.set(key, window);
    return { limit, remaining: limit - window.count, resetSeconds: Math.max(1, Math.ceil(((second + 1) * 1000 - now) / 1000)) };
  }

  #takeInjectedFailure(record: RequestRecord): FailureRule | undefined {
    const rule = this.#failures.find((failure) => failure.method === record.method && record.path.startsWith(failure.pathPrefix));
    if (rule === undefined) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#failures = this.#failures.filter((failure) => failure !== rule);
    return rule;
  }
}

function withHeaders(reply: FakeReply, headers: Record<string, string>): FakeReply {
  return Object.keys(headers).length === 0 ? reply : { ...reply, headers: { ...headers, ...reply.headers } };
}

function headerValues(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]],
    ),
  );
}
