import cors from "@fastify/cors";
import type { FastifyInstance } from "fastify";
import fastifyPlugin from "fastify-plugin";

/**
 * CORS for the browser origins that may call the API from other sites (CORS_ORIGINS), with credentials.
 * Any other origin gets no CORS headers, so its pages cannot read the answers. (Mutations from other sites
 * are refused anyway unless they carry a bearer token; see decision 009.)
 */
export const corsPlugin = fastifyPlugin(async (app: FastifyInstance, options: { origins: readonly string[] }) => {
  const allowed = new Set(options.origins);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    allowedHeaders: ["authorization", "content-type", "idempotency-key", "x-request-id"],
    exposedHeaders: ["retry-after", "x-request-id"],
    maxAge: 600,
  });
});
