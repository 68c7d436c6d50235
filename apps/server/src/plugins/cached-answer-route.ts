import { errorIdOf, issuesFromZod } from "@bookable/api";
import { type AnswerCache, type AnswerEncoding, type AnswerKind, AppError } from "@bookable/core";
import { errorTable } from "@bookable/validators";
import negotiate from "@fastify/accept-negotiator";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodType } from "zod";
import { logError } from "./log-error.js";
import { type ErrorToSend, sendError } from "./send-error.js";

export interface CachedAnswerRouteOptions<Input, Value> {
  /** The REST path, as the procedure's OpenAPI meta names it, with Fastify's `:param` syntax. */
  url: string;
  /** The procedure's own input schema (validators), so REST validates exactly as tRPC does. */
  input: ZodType<Input>;
  kind: AnswerKind<Input, Value>;
  cache: AnswerCache;
  /**
   * The procedure's output schema when answers are checked (VALIDATE_OUTPUT): a wrong answer then fails
   * with 500 here as it does through tRPC, instead of reaching the client.
   */
  checkOutput?: ZodType<Value> | undefined;
}

// Preferred first when the client accepts several equally: brotli is the smallest.
const ENCODINGS: AnswerEncoding[] = ["br", "gzip", "identity"];

/**
 * A GET of the REST API answered from the answer cache's finished bytes (issue 12), in front of the generic
 * trpc-to-openapi adapter: no context, no JSON.stringify, compressed once per answer. The procedure keeps
 * its meta, so the OpenAPI document is unchanged; input and errors are those of the procedure.
 * Clients revalidate every time (`no-cache`) with the ETag, and get 304 while the answer is unchanged.
 */
export function cachedAnswerRoute<Input, Value>(app: FastifyInstance, options: CachedAnswerRouteOptions<Input, Value>): void {
  app.get(options.url, async (request, reply) => {
    const parsed = options.input.safeParse({ ...(request.query as object), ...(request.params as object) });
    if (!parsed.success) {
      return refuse(request, reply, {
        code: "VALIDATION_FAILED",
        message: errorTable.VALIDATION_FAILED.message,
        issues: issuesFromZod(parsed.error),
        errorId: errorIdOf(request.raw),
      });
    }
    let answer: Awaited<ReturnType<AnswerCache["answer"]>>;
    try {
      answer = await options.cache.answer(options.kind, parsed.data);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return refuse(request, reply, {
        code: error.code,
        message: error.message,
        issues: error.issues,
        // Per request: callers that joined one computation share its error object.
        errorId: errorIdOf(request.raw),
      });
    }
    if (options.checkOutput) await options.checkOutput.parseAsync(answer.value);
    void reply.header("etag", answer.etag).header("cache-control", "no-cache").header("vary", "accept-encoding");
    if (matchesEtag(request.headers["if-none-match"], answer.etag)) return reply.code(304).send();
    const encoding = negotiate(request.headers["accept-encoding"] ?? "identity", ENCODINGS) ?? "identity";
    if (encoding !== "identity") void reply.header("content-encoding", encoding);
    return reply.type("application/json; charset=utf-8").send(await answer.body(encoding));
  });
}

function refuse(request: FastifyRequest, reply: FastifyReply, error: ErrorToSend) {
  logError(request.log, error, undefined);
  return sendError(reply, error);
}

/** RFC 9110 §13.1.2: If-None-Match compares weakly, and `*` matches any current answer. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}
