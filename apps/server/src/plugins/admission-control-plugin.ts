import { errorIdOf } from "@bookable/api";
import { errorTable } from "@bookable/validators";
import underPressure, { type FastifyUnderPressureOptions } from "@fastify/under-pressure";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fastifyPlugin from "fastify-plugin";
import { AdmissionGate } from "./admission-gate.js";
import { isClientGone } from "./client-gone.js";
import { logError } from "./log-error.js";
import { type ErrorToSend, errorBody, statusOf } from "./send-error.js";
import { trpcErrorBody } from "./trpc-error-body.js";

// Decided by the route Fastify matched, never the raw URL (issue 11): probes and metrics must answer
// however busy the process is, or an orchestrator would restart a process that is merely loaded.
const NEVER_SHED = new Set(["/healthz", "/readyz", "/metrics"]);

// How often the event-loop delay is sampled: the shedding decision reacts within this, and the mean over
// ~25 samples of 10 ms lets a single garbage-collection pause pass.
const SAMPLE_INTERVAL_MS = 250;

export interface AdmissionControlOptions {
  /** Mean event-loop delay (ms) above which requests are shed; 0 disables shedding. */
  maxEventLoopDelayMs: number;
  retryAfterSeconds: number;
  /** API requests (/api, /trpc) worked on at once by this process; 0 disables the gate. */
  maxInFlight: number;
  /** Longest expected wait (ms) for a turn; a request that would wait longer is refused at once. */
  maxQueueMs: number;
}

// Only the API does database work worth rationing; the web app's files and the probes never wait.
const GATED_PREFIXES = ["/api/", "/trpc/"];

/**
 * Admission control (issue 12, "no collapse"): when the event loop lags past the threshold, new requests are
 * answered at once with 503 SERVICE_UNAVAILABLE and Retry-After (in tRPC's error shape on /trpc, the one
 * error shape elsewhere) instead of queueing until every answer is late; and a request whose client has
 * already gone is given no work. Both are counted in `bookable_requests_shed_total`.
 * Registered before the rate limit, so a shed request costs neither a counter nor a Redis round trip.
 */
export const admissionControlPlugin = fastifyPlugin(async (app: FastifyInstance, options: AdmissionControlOptions) => {
  if (options.maxEventLoopDelayMs > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      sampleInterval: SAMPLE_INTERVAL_MS,
      retryAfter: options.retryAfterSeconds,
      pressureHandler: answerShed((request, reply) => {
        // Nothing returned: the request goes on as usual.
        if (NEVER_SHED.has(request.routeOptions.url ?? "")) return undefined;
        app.metrics.countShed("event_loop_delay");
        return shedAnswer(request, reply, options.retryAfterSeconds);
      }),
    });
  }

  if (options.maxInFlight > 0) {
    const gate = new AdmissionGate({ maxInFlight: options.maxInFlight, maxQueueMs: options.maxQueueMs });
    app.addHook("onRequest", async (request, reply) => {
      const route = request.routeOptions.url ?? "";
      if (!GATED_PREFIXES.some((prefix) => route.startsWith(prefix))) return;
      const admission = await gate.enter();
      if (!admission.admitted) {
        app.metrics.countShed("admission");
        return reply.send(shedAnswer(request, reply, options.retryAfterSeconds));
      }
      // 'close' comes once the answer is sent or the connection is gone, whichever is first: the turn is
      // never kept by a request that ended some other way.
      reply.raw.once("close", admission.release);
    });
  }

  // A client that gave up (its timeout passed while the request waited) gets nothing: checked before any
  // work, and again right before the handler, after the waits of the rate limit and the body upload.
  const skipIfClientGone = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isClientGone(request.raw)) return;
    app.metrics.countShed("client_disconnected");
    request.log.info("client disconnected before the request was handled; skipped");
    // Nothing can be sent; hijacking ends Fastify's lifecycle for this request without a handler.
    reply.hijack();
    return reply;
  };
  app.addHook("onRequest", skipIfClientGone);
  app.addHook("preHandler", skipIfClientGone);
});

type PressureHandler = NonNullable<FastifyUnderPressureOptions["pressureHandler"]>;

/**
 * under-pressure sends what the handler returns (its README: "any other return value than a promise or
 * nullish will be sent to the client with reply.send", and the hook chain stops there); its types only
 * allow void, so the handler is typed here.
 */
function answerShed(handler: (request: FastifyRequest, reply: FastifyReply) => unknown): PressureHandler {
  return handler as PressureHandler;
}

function shedAnswer(request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number): unknown {
  const error: ErrorToSend = {
    code: "SERVICE_UNAVAILABLE",
    message: errorTable.SERVICE_UNAVAILABLE.message,
    errorId: errorIdOf(request.raw),
    overloaded: true,
  };
  logError(request.log, error, undefined);
  void reply.code(statusOf(error)).header("retry-after", String(retryAfterSeconds)).type("application/json; charset=utf-8");
  return request.routeOptions.url?.startsWith("/trpc/") ? trpcErrorBody(request, error, retryAfterSeconds) : errorBody(error);
}
