import { AppError } from "@bookable/core/app-error";
import { isPoolAcquireTimeout } from "@bookable/db/pool-acquire-timeout";
import { codeFromTrpc, type ErrorCode, type ErrorIssue, errorTable, httpStatusOf } from "@bookable/validators";
import type { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { errorIdOf } from "./error-id.js";

export interface DescribedError {
  code: ErrorCode;
  httpStatus: number;
  message: string;
  issues: ErrorIssue[] | undefined;
  errorId: string;
  /** For RATE_LIMITED: seconds until a retry may succeed (the `Retry-After` header). */
  retryAfterSeconds?: number | undefined;
  /**
   * The server declined the work because it is overloaded (no database connection within the pool's
   * acquire timeout): a 503 the host answers with its own `Retry-After` (SHED_RETRY_AFTER_SECONDS) and logs
   * as a warning, not as a fault.
   */
  overloaded?: true | undefined;
}

/** Zod's issues as the API reports them: one per field, the path dotted. */
export function issuesFromZod(error: ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** An AppError as a client is told it: its code, the status of its row in the error table, its message. */
export function describeAppError(error: AppError, errorId: string = errorIdOf(error)): DescribedError {
  return {
    code: error.code,
    httpStatus: httpStatusOf(error.code),
    message: error.message,
    issues: error.issues,
    errorId,
    retryAfterSeconds: error.retryAfterSeconds,
  };
}

/**
 * What a client is told about an error. Input validation becomes VALIDATION_FAILED with one issue
 * per bad field; an AppError keeps its code; anything unexpected becomes INTERNAL with a generic
 * message, so no internal detail or stack trace reaches a client.
 */
export function describeError(error: TRPCError): DescribedError {
  const errorId = errorIdOf(error);
  const { cause } = error;
  if (cause instanceof AppError) return describeAppError(cause, errorId);
  if (isPoolAcquireTimeout(cause)) {
    return {
      code: "SERVICE_UNAVAILABLE",
      httpStatus: httpStatusOf("SERVICE_UNAVAILABLE"),
      message: errorTable.SERVICE_UNAVAILABLE.message,
      issues: undefined,
      errorId,
      overloaded: true,
    };
  }
  if (error.code === "BAD_REQUEST" && cause instanceof ZodError) {
    return {
      code: "VALIDATION_FAILED",
      httpStatus: httpStatusOf("VALIDATION_FAILED"),
      message: errorTable.VALIDATION_FAILED.message,
      issues: issuesFromZod(cause),
      errorId,
    };
  }
  const code = codeFromTrpc(error.code);
  const message = code === "INTERNAL" ? errorTable.INTERNAL.message : error.message;
  return { code, httpStatus: httpStatusOf(code), message, issues: undefined, errorId };
}
