import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { decodedRequestPath } from "./request-path.js";

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
  // Browsers and tools ask for /favicon.ico on every page that names no icon (the API reference, a JSON
  // answer opened in a tab): the app's one icon is the SVG, so they are sent there.
  app.get("/favicon.ico", (_request, reply) =>
    reply.header("cache-control", "public, max-age=86400").redirect("/favicon.svg", 301),
  );
  return true;
}

// The web app's development pages (dev mailbox, local checkout): their data is never served in production,
// and neither is their page, so nothing there even looks reachable.
const DEVELOPMENT_PAGES = /^\/dev(\/|$|\?)/;

/** Client-side routes (e.g. /sign-up) get index.html so the SPA can route them. */
export function spaFallback(options: { production: boolean }) {
  return (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (request.method !== "GET" && request.method !== "HEAD") return false;
    const pathname = decodedRequestPath(request.url) ?? request.url;
    if (SERVER_PATHS.test(pathname)) return false;
    if (options.production && DEVELOPMENT_PAGES.test(pathname)) return false;
    if (!(request.headers.accept ?? "").includes("text/html")) return false;
    void reply.header("cache-control", "no-cache").sendFile("index.html");
    return true;
  };
}
