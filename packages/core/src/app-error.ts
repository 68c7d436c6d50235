import type { ErrorCode, ErrorIssue } from "@bookable/validators";

/**
 * The one error type core services throw for anything a caller did wrong or may retry. The code's
 * row in the error table (`errorTable` in validators) decides the HTTP status and the tRPC code; the
 * API layer maps it and adds the error id. Anything else thrown is treated as an internal error and never shown to clients.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  /** For RATE_LIMITED: when to try again (sent as `Retry-After`). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: ErrorIssue[]; cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
