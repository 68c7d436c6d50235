import { type AppRouter, describeError, procedureMeta } from "@bookable/api";
import { type AnswerCache, availabilityAnswer, availabilityDaysAnswer } from "@bookable/core";
import {
  availabilityDaysInput,
  availabilityDaysOutput,
  availabilityInput,
  availabilityOutput,
  type ErrorCode,
  errorHttpStatus,
} from "@bookable/validators";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { fastifyTRPCOpenApiPlugin } from "trpc-to-openapi";
import type { CreateApiContext } from "../create-api-context.js";
import { cachedAnswerRoute } from "./cached-answer-route.js";
import { logError } from "./log-error.js";
import { errorBody } from "./send-error.js";

interface TrpcErrorShape {
  message?: string;
  data?: {
    code?: ErrorCode;
    errorId?: string;
    issues?: { path: string; message: string }[];
    path?: string;
    retryAfterSeconds?: number;
    overloaded?: true;
  };
}

/**
 * REST `/api/v1/*`, mapped by trpc-to-openapi onto the same procedures as /trpc: one implementation,
 * one validation. The adapter writes errors in its own flat shape; onSend rewrites them into the one
 * error shape, using what our error formatter put in `data`.
 */
export async function restApiPlugin(
  app: FastifyInstance,
  options: {
    createContext: CreateApiContext;
    router: AppRouter;
    /** Retry-After of an overloaded answer. */
    retryAfterSeconds: number;
    /** The hot reads, served as finished bytes before the adapter sees them (issue 12). */
    answerCache: AnswerCache;
    /** VALIDATE_OUTPUT: cached answers are checked against the procedure's output schema too. */
    validateOutput: boolean;
  },
) {
  cachedAnswerRoute(app, {
    url: "/api/v1/resources/:id/availability",
    input: availabilityInput,
    kind: availabilityAnswer,
    cache: options.answerCache,
    checkOutput: options.validateOutput ? availabilityOutput : undefined,
  });
  cachedAnswerRoute(app, {
    url: "/api/v1/resources/:id/availability/days",
    input: availabilityDaysInput,
    kind: availabilityDaysAnswer,
    cache: options.answerCache,
    // A few dozen entries, always checked, as the procedure checks them.
    checkOutput: availabilityDaysOutput,
  });

  app.addHook("onSend", async (request, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== "string") return payload;
    const body = parseJson(payload) as (TrpcErrorShape & { error?: unknown }) | undefined;
    // Errors raised by Fastify itself already have the shape.
    if (!body || body.error !== undefined || !body.data?.code || !body.data.errorId) return payload;
    const { code, errorId, issues } = body.data;
    // The adapter's 404 means no procedure has this method and path.
    const message =
      code === "NOT_FOUND" && !body.data.path ? `No route for ${request.method} ${request.url.split("?")[0]}` : body.message;
    reply.code(errorHttpStatus[code]);
    const retryAfter = body.data.retryAfterSeconds ?? (body.data.overloaded ? options.retryAfterSeconds : undefined);
    if (retryAfter !== undefined) void reply.header("retry-after", String(retryAfter));
    // RFC 6750: a 401 names the scheme the client should use.
    if (code === "UNAUTHENTICATED") void reply.header("www-authenticate", 'Bearer realm="bookable"');
    return JSON.stringify(errorBody({ httpStatus: errorHttpStatus[code], code, message: message ?? "", issues, errorId }));
  });

  await app.register(fastifyTRPCOpenApiPlugin, {
    basePath: "/api/v1",
    router: options.router,
    createContext: ({ req, res }: { req: FastifyRequest; res: FastifyReply }) => options.createContext(req, res),
    onError: ({ error, req }: { error: Parameters<typeof describeError>[0]; req: FastifyRequest }) => {
      const described = describeError(error);
      if (described.overloaded) app.metrics.countShed("database_pool");
      logError(req.log, described, error.cause ?? error);
    },
    responseMeta: ({ paths, errors }: { paths?: readonly string[]; errors: readonly unknown[] }) => {
      const path = paths?.[0];
      const successStatus = errors.length === 0 && path ? procedureMeta(path)?.successStatus : undefined;
      return successStatus ? { status: successStatus } : {};
    },
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
