import type { FastifyInstance } from "fastify";
import fastifyPlugin from "fastify-plugin";

// Probes and scrapes come from inside the cluster over plain HTTP and must not be redirected.
// Decided by the matched route, not the raw URL (which may be percent-encoded).
const EXEMPT = /^\/(healthz|readyz|metrics)$/;

/**
 * HTTPS_REDIRECT: a request that reached the server over plain HTTP (as the trusted proxy's
 * X-Forwarded-Proto says, or the connection itself) is answered 308 with the same URL on https, so
 * methods and bodies are kept. Needs TRUST_PROXY behind a proxy, or every request looks like HTTP.
 */
export const httpsRedirectPlugin = fastifyPlugin(async (app: FastifyInstance) => {
  app.addHook("onRequest", async (request, reply) => {
    if (request.protocol === "https" || EXEMPT.test(request.routeOptions.url ?? "")) return;
    return reply.redirect(`https://${request.host}${request.url}`, 308);
  });
});
