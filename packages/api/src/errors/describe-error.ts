import { AppError } from "@bookable/core/app-error";
import { isPoolAcquireTimeout } from "@bookable/db/pool-acquire-timeout";
import { type ErrorCode, type ErrorIssue, errorHttpStatus } from "@bookable/validators";
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

const codeByTrpcCode: Partial<Record<TRPCError["code"], ErrorCode>> = {
  PARSE_ERROR: "BAD_REQUEST",
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_SUPPORTED: "METHOD_NOT_ALLOWED",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** Zod's issues as the API reports them: one per field, the path dotted. */
export function issuesFromZod(error: ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/**
 * What a client is told about an error. Input validation becomes VALIDATION_FAILED with one issue
 * per bad field; an AppError keeps its code; anything unexpected becomes INTERNAL with a generic
 * message, so no internal detail or stack trace reaches a client.
 */
export function describeError(error: TRPCError): DescribedError {
  const errorId = errorIdOf(error);
  const { cause } = error;
  if (cause instanceof AppError) {
    return {
      code: cause.code,
      httpStatus: errorHttpStatus[cause.code],
      message: cause.message,
      issues: cause.issues,
      errorId,
      retryAfterSeconds: cause.retryAfterSeconds,
    };
  }
  if (isPoolAcquireTimeout(cause)) {
    return {
      code: "SERVICE_UNAVAILABLE",
      httpStatus: errorHttpStatus.SERVICE_UNAVAILABLE,
      message: "The server is busy; try again in a moment",
      issues: undefined,
      errorId,
      overloaded: true,
    };
  }
  if (error.code === "BAD_REQUEST" && cause instanceof ZodError) {
    return {
      code: "VALIDATION_FAILED",
      httpStatus: errorHttpStatus.VALIDATION_FAILED,
      message: "Input validation failed",
      issues: issuesFromZod(cause),
      errorId,
    };
  }
  const code = codeByTrpcCode[error.code] ?? "INTERNAL";
  const message = code === "INTERNAL" ? "Something went wrong on our side. Quote the error id if you contact us." : error.message;
  return { code, httpStatus: errorHttpStatus[code], message, issues: undefined, errorId };
}
