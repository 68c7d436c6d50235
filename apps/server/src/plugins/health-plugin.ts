import { errorIdOf } from "@bookable/api";
import type { DatabaseHandle } from "@bookable/db";
import type { FastifyInstance } from "fastify";
import { logError } from "./log-error.js";
import { type ErrorToSend, sendError } from "./send-error.js";

const READINESS_TIMEOUT_MS = 2_000;

/** Whether the server is shutting down; set by the SIGTERM handler before it closes the server. */
export interface Lifecycle {
  draining: boolean;
}

/**
 * `/healthz`: the process is alive. `/readyz`: it can serve, i.e. the database answers, the job queue is
 * installed, and the server is not draining — a load balancer stops sending new requests once it answers 503.
 */
export async function healthPlugin(
  app: FastifyInstance,
  options: { database: DatabaseHandle; lifecycle: Lifecycle; queueReady: () => Promise<boolean> },
) {
  app.get("/healthz", { logLevel: "warn" }, async () => ({ status: "ok" }));

  app.get("/readyz", { logLevel: "warn" }, async (request, reply) => {
    if (options.lifecycle.draining) {
      return sendError(reply, {
        code: "SERVICE_UNAVAILABLE",
        message: "This instance is shutting down",
        errorId: errorIdOf(request.raw),
      });
    }
    let failing = "The database is not reachable";
    try {
      await withTimeout(options.database.ping(), READINESS_TIMEOUT_MS);
      failing = "The job queue is not ready";
      if (!(await withTimeout(options.queueReady(), READINESS_TIMEOUT_MS)))
        throw new Error("The notification queue does not exist");
      return { status: "ready", database: options.database.driver, queue: "ready" };
    } catch (error) {
      const described: ErrorToSend = {
        code: "SERVICE_UNAVAILABLE",
        message: failing,
        errorId: errorIdOf(error instanceof Error ? error : new Error(String(error))),
      };
      logError(request.log, described, error);
      return sendError(reply, described);
    }
  });
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No answer within ${milliseconds} ms`)), milliseconds);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
