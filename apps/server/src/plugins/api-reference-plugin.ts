import { createOpenApiDocument } from "@bookable/api";
import apiReference from "@scalar/fastify-api-reference";
import type { FastifyInstance } from "fastify";

/** `/api/v1/openapi.json` (generated once from the procedures) and the interactive reference at `/api/docs`. */
export async function apiReferencePlugin(app: FastifyInstance, options: { publicUrl: string; version: string }) {
  const document = createOpenApiDocument({ baseUrl: new URL("/api/v1", options.publicUrl).href, version: options.version });
  const json = JSON.stringify(document);
  app.get("/api/v1/openapi.json", async (_request, reply) => reply.type("application/json; charset=utf-8").send(json));
  // The reference page's script is served by the plugin itself, so it works offline.
  await app.register(apiReference, {
    routePrefix: "/api/docs",
    // No web fonts from Scalar's CDN: the page must work offline and under a strict CSP.
    configuration: { url: "/api/v1/openapi.json", pageTitle: "Bookable API reference", withDefaultFonts: false },
  });
}
