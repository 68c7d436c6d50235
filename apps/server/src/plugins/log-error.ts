import type { FastifyBaseLogger } from "fastify";
import { type ErrorToSend, statusOf } from "./send-error.js";

/**
 * Every error is logged with the id the client receives. Server faults (5xx) are logged as errors
 * with their cause and stack; client mistakes (4xx) at info, without the input (it may hold a password);
 * requests declined for load (503 with Retry-After) at debug: the server is busy, not broken, and a line per
 * refused request would spend the CPU that refusing frees; they are counted and summed up once every 10 s
 * (shed-summary.ts).
 */
export function logError(logger: FastifyBaseLogger, described: ErrorToSend, cause: unknown): void {
  const status = statusOf(described);
  const fields = { errorId: described.errorId, code: described.code, status };
  if (described.overloaded) {
    logger.debug(fields, `request shed: ${described.message}`);
  } else if (status >= 500) {
    logger.error({ ...fields, err: cause }, `request failed: ${described.message}`);
  } else {
    logger.info({ ...fields, issues: described.issues }, `request refused: ${described.message}`);
  }
}
