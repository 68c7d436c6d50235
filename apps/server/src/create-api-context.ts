import type { ApiContext } from "@bookable/api";
import type { Database } from "@bookable/db";
import type { FastifyRequest } from "fastify";
import type { Config } from "./config.js";

export type CreateApiContext = (request: FastifyRequest) => ApiContext;

/** The per-request context both /trpc and /api/v1 hand to procedures. */
export function apiContextFactory(db: Database, config: Config): CreateApiContext {
  return (request) => ({
    db,
    logger: request.log,
    requestId: request.id,
    user: null,
    adminEmails: config.ADMIN_EMAILS,
  });
}
