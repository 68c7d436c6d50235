import { type ErrorCode, type ErrorIssue, type ErrorResponse, httpStatusOf } from "@bookable/validators";
import type { FastifyReply } from "fastify";

export interface ErrorToSend {
  code: ErrorCode;
  message: string;
  issues?: ErrorIssue[] | undefined;
  errorId: string;
  /** Declined for load (issue 12): logged as a warning, answered with Retry-After. */
  overloaded?: true | undefined;
  /**
   * The status, when it is not the code's row in the error table: a status Fastify raised that has no row
   * of its own (408, 431...), which the client keeps seeing under the general BAD_REQUEST code, or the 502
   * logged when an OAuth provider fails (the browser is redirected, never answered with it).
   */
  httpStatus?: number | undefined;
}

/** The HTTP status of an error: its code's row in the error table, unless Fastify raised another. */
export function statusOf(error: ErrorToSend): number {
  return error.httpStatus ?? httpStatusOf(error.code);
}

/** The one error body: `{ error: { code, message, issues?, errorId } }`. */
export function errorBody({ code, message, issues, errorId }: ErrorToSend): ErrorResponse {
  return { error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}), errorId } };
}

export function sendError(reply: FastifyReply, error: ErrorToSend): FastifyReply {
  return reply.code(statusOf(error)).type("application/json; charset=utf-8").send(errorBody(error));
}
