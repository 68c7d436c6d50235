import { errorIdOf } from "@bookable/api";
import { isPoolAcquireTimeout } from "@bookable/db/pool-acquire-timeout";
import { codeFromHttpStatus, errorTable } from "@bookable/validators";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { logError } from "./log-error.js";
import { type ErrorToSend, sendError } from "./send-error.js";

// Fastify's own messages are accurate but terse; these say what to do.
const messageByFastifyCode: Record<string, (request: FastifyRequest) => string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => "The request body is not valid JSON",
  FST_ERR_CTP_EMPTY_JSON_BODY: () => "The request body is empty; send a JSON object",
  FST_ERR_CTP_BODY_TOO_LARGE: (request) =>
    `The request body is larger than the ${request.routeOptions.bodyLimit ?? ""} byte limit`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (request) =>
    `Content-Type "${request.headers["content-type"] ?? ""}" is not supported; send application/json`,
};

/** Describes an error Fastify raised (body parsing, limits) or one a route threw unexpectedly. */
export function describeFastifyError(error: FastifyError, request: FastifyRequest): ErrorToSend {
  // A route outside tRPC that waited too long for a database connection: busy, not broken (issue 12).
  if (isPoolAcquireTimeout(error)) {
    return {
      code: "SERVICE_UNAVAILABLE",
      message: errorTable.SERVICE_UNAVAILABLE.message,
      errorId: errorIdOf(error),
      overloaded: true,
    };
  }
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
  const code = codeFromHttpStatus(status);
  const message = status >= 500 ? errorTable.INTERNAL.message : (messageByFastifyCode[error.code]?.(request) ?? error.message);
  // A 4xx without a row of its own (408, 431...) keeps its status under the general code; a 5xx is INTERNAL's.
  const httpStatus = code === "BAD_REQUEST" && status !== errorTable.BAD_REQUEST.httpStatus ? status : undefined;
  return { code, message, errorId: errorIdOf(error), ...(httpStatus ? { httpStatus } : {}) };
}

/** One error shape for everything Fastify itself answers: parse errors, limits, unknown routes. */
export interface ErrorHandlerOptions {
  /** Retry-After of an overloaded answer (no database connection within the pool's acquire timeout). */
  retryAfterSeconds: number;
  /** Answers a request no route matched (the web app's client-side routes); false to answer 404. */
  fallback?: (request: FastifyRequest, reply: FastifyReply) => boolean;
}

export const errorHandlerPlugin = fp(async (app: FastifyInstance, options: ErrorHandlerOptions) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const described = describeFastifyError(error, request);
    if (described.overloaded) {
      app.metrics.countShed("database_pool");
      void reply.header("retry-after", String(options.retryAfterSeconds));
    }
    logError(request.log, described, error);
    return sendError(reply, described);
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.fallback?.(request, reply)) return reply;
    const described: ErrorToSend = {
      code: "NOT_FOUND",
      message: `No route for ${request.method} ${request.url.split("?")[0]}`,
      errorId: errorIdOf(request.raw),
    };
    logError(request.log, described, undefined);
    return sendError(reply, described);
  });
});
