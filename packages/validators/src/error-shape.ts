import { z } from "zod";

/**
 * Every error Bookable reports has one of these codes. The HTTP status of each is fixed here so the
 * server, the REST adapter and API clients agree on it.
 */
export const errorHttpStatus = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** The account must confirm its email address first (to book, or to create API keys). */
  EMAIL_NOT_VERIFIED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  /** The slot was taken (or filled) by someone else first. */
  SLOT_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The Idempotency-Key was used before with a different request. */
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorHttpStatus;

const errorCodes = Object.keys(errorHttpStatus) as [ErrorCode, ...ErrorCode[]];

export const errorCode = z.enum(errorCodes).meta({
  id: "ErrorCode",
  description: "Machine-readable reason; the HTTP status follows from it.",
  example: "VALIDATION_FAILED",
});

export const errorIssue = z
  .object({
    path: z.string().meta({
      description: "The offending field, dotted for nested fields; empty for the whole input.",
      example: "email",
    }),
    message: z.string().meta({ description: "What is wrong, for a person.", example: "Enter a valid email address" }),
  })
  .meta({ id: "ErrorIssue", description: "One problem with one field of the input." });
export type ErrorIssue = z.infer<typeof errorIssue>;

/** The one error body of every 4xx and 5xx response: `{ error: { code, message, issues?, errorId } }`. */
export const errorResponse = z
  .object({
    error: z.object({
      code: errorCode,
      message: z.string().meta({ description: "Summary for a person.", example: "Input validation failed" }),
      issues: z.array(errorIssue).optional().meta({ description: "Per-field problems, present for validation failures." }),
      errorId: z.string().meta({
        description: "Unique id of this error; the server log carries the same id.",
        example: "err_4f9c1d7e2b8a4c3f9e0d1a2b3c4d5e6f",
      }),
    }),
  })
  .meta({ id: "ErrorResponse", description: "The body of every error response." });
export type ErrorResponse = z.infer<typeof errorResponse>;
