import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

// Paths that belong to the server; a miss there is a real 404, never the web app.
const SERVER_PATHS = /^\/(api|trpc|healthz|readyz|metrics|webhooks|\.well-known)(\/|$|\?)/;

/** Serves the built web app; returns whether it is present. */
export async function registerWebApp(app: FastifyInstance, webDistDir: string): Promise<boolean> {
  if (!existsSync(path.join(webDistDir, "index.html"))) {
    app.log.warn({ webDistDir }, "web app not built: run `pnpm build` to serve it");
    return false;
  }
  await app.register(fastifyStatic, {
    root: webDistDir,
    wildcard: false,
    index: ["index.html"],
    setHeaders(response, filePath) {
      // Vite fingerprints everything in assets/, so it can be cached for good; index.html never.
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      response.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  return true;
}

/** Client-side routes (e.g. /sign-up) get index.html so the SPA can route them. */
export function serveSpaFallback(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (SERVER_PATHS.test(request.url)) return false;
  if (!(request.headers.accept ?? "").includes("text/html")) return false;
  void reply.header("cache-control", "no-cache").sendFile("index.html");
  return true;
}
