import { z } from "zod";
import { errorCodes } from "./error-table.js";

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
