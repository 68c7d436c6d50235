import { type AppRouter, type DescribedError, describeError, procedureMeta } from "@bookable/api";
import { type AnswerCache, availabilityAnswer, availabilityDaysAnswer } from "@bookable/core";
import { availabilityDaysInput, availabilityDaysOutput, availabilityInput, availabilityOutput } from "@bookable/validators";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { fastifyTRPCOpenApiPlugin } from "trpc-to-openapi";
import type { CreateApiContext } from "../create-api-context.js";
import { cachedAnswerRoute } from "./cached-answer-route.js";
import { logError } from "./log-error.js";
import { errorBody } from "./send-error.js";

/**
 * REST `/api/v1/*`, mapped by trpc-to-openapi onto the same procedures as /trpc: one implementation,
 * one validation. The adapter writes errors in its own flat shape; the error it reports to onError is
 * described once (the error table gives its status) and that description is what the client receives.
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

  // The adapter's flat body is replaced by the one error body, built from the description onError recorded.
  const refusals = new WeakMap<FastifyRequest, DescribedError>();
  app.addHook("onSend", async (request, reply, payload) => {
    const refusal = refusals.get(request);
    if (!refusal) return payload;
    const retryAfter = refusal.retryAfterSeconds ?? (refusal.overloaded ? options.retryAfterSeconds : undefined);
    if (retryAfter !== undefined) void reply.header("retry-after", String(retryAfter));
    // RFC 6750: a 401 names the scheme the client should use.
    if (refusal.code === "UNAUTHENTICATED") void reply.header("www-authenticate", 'Bearer realm="bookable"');
    void reply.code(refusal.httpStatus);
    return JSON.stringify(errorBody(refusal));
  });

  await app.register(fastifyTRPCOpenApiPlugin, {
    basePath: "/api/v1",
    router: options.router,
    createContext: ({ req, res }: { req: FastifyRequest; res: FastifyReply }) => options.createContext(req, res),
    onError: ({ error, req, path }: { error: Parameters<typeof describeError>[0]; req: FastifyRequest; path?: string }) => {
      const described = describeError(error);
      // The adapter's 404 without a procedure means no procedure has this method and path.
      if (described.code === "NOT_FOUND" && !path) described.message = `No route for ${req.method} ${req.url.split("?")[0]}`;
      refusals.set(req, described);
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
