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
    configuration: {
      url: "/api/v1/openapi.json",
      pageTitle: "Bookable API reference",
      // No web fonts from Scalar's CDN: the page must work offline and under a strict CSP.
      withDefaultFonts: false,
      // The app's own icon (the web app's favicon.svg), not a blank tab.
      favicon: "/favicon.svg",
      // Scalar's hosted services are not Bookable's: no toolbar ("Deploy", "Generate SDK", "Share", shown on
      // localhost), no AI chat ("Ask AI"), no usage reports, nothing calling out while the page stays open.
      showDeveloperTools: "never",
      agent: { disabled: true },
      mcp: { disabled: true },
      telemetry: false,
    },
  });
}
