import type { Database } from "@bookable/db";
import type { UserOutput } from "@bookable/validators";
import type { BaseLogger } from "pino";

/** Everything a procedure may use. Built per request by the host (the Fastify server). */
export interface ApiContext {
  db: Database;
  /** Child logger already carrying the request id. */
  logger: ApiLogger;
  requestId: string;
  /** The signed-in caller; null until the accounts issue adds sessions and tokens. */
  user: UserOutput | null;
  /** Lowercased emails that receive the admin role when they register (ADMIN_EMAILS). */
  adminEmails: ReadonlySet<string>;
}

/** The logging a procedure may do; Fastify's request logger satisfies it. */
export type ApiLogger = Pick<BaseLogger, "fatal" | "error" | "warn" | "info" | "debug" | "trace">;
