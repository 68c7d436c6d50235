import type { ErrorCode, ErrorIssue, ErrorResponse } from "@bookable/validators";
import type { FastifyReply } from "fastify";

export interface ErrorToSend {
  httpStatus: number;
  code: ErrorCode;
  message: string;
  issues?: ErrorIssue[] | undefined;
  errorId: string;
  /** Declined for load (issue 12): logged as a warning, answered with Retry-After. */
  overloaded?: true | undefined;
}

/** The one error body: `{ error: { code, message, issues?, errorId } }`. */
export function errorBody({ code, message, issues, errorId }: ErrorToSend): ErrorResponse {
  return { error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}), errorId } };
}

export function sendError(reply: FastifyReply, error: ErrorToSend): FastifyReply {
  return reply.code(error.httpStatus).type("application/json; charset=utf-8").send(errorBody(error));
}
