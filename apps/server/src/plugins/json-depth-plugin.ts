import type { FastifyInstance } from "fastify";
import fastifyPlugin from "fastify-plugin";
import { exceedsJsonNestingDepth } from "../json-nesting-depth.js";

/** Deeper than any Bookable input needs (they nest three or four levels), far below what overflows a stack. */
export const MAX_JSON_DEPTH = 64;

const tooDeep = () =>
  Object.assign(new Error(`The JSON is nested deeper than ${MAX_JSON_DEPTH} levels`), {
    statusCode: 400,
    code: "BOOKABLE_JSON_TOO_DEEP",
  });

/**
 * Refuses JSON nested deeper than MAX_JSON_DEPTH with 400 BAD_REQUEST (like malformed JSON) before anything
 * parses it: JSON bodies on every route, and on /trpc the body and the `input` query parameter, which tRPC
 * parses itself.
 * 100,000 levels overflowed the stack in the tRPC adapter (issue 11). Routes with their own parsers (the
 * Stripe webhook's raw body) are not affected.
 */
export const jsonDepthPlugin = fastifyPlugin(async (app: FastifyInstance) => {
  // Fastify's own JSON parser (secure-json-parse, prototype poisoning refused), behind the depth check.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    // parseAs "string" hands over a string; the type also allows a Buffer.
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (exceedsJsonNestingDepth(text, MAX_JSON_DEPTH)) return done(tooDeep(), undefined);
    return parseJson(request, text, done);
  });

  // tRPC replaces the JSON parser in its scope and parses the body string (and `input=`) itself.
  app.addHook("preValidation", async (request) => {
    if (!request.routeOptions.url?.startsWith("/trpc/")) return;
    const input = (request.query as Record<string, unknown> | undefined)?.input;
    const texts = [request.body, ...(Array.isArray(input) ? input : [input])];
    if (texts.some((text) => typeof text === "string" && exceedsJsonNestingDepth(text, MAX_JSON_DEPTH))) throw tooDeep();
  });
});
