import { type ErrorCode, type ErrorIssue, errorCode, errorIssue, httpStatusOf } from "@bookable/validators";
import { TRPCClientError } from "@trpc/client";
import { z } from "zod";

/** What a page needs from a failed call to show it to a person. */
export interface ServerError {
  /** A sentence for a person. */
  message: string;
  /** Absent when the server never answered (offline, server down, proxy error). */
  code?: ErrorCode | undefined;
  /** The id the server logged the error under; shown so support can find it. */
  errorId?: string | undefined;
  /** Per-field problems, e.g. `{ path: "username", message: "That username is taken" }`. */
  issues: ErrorIssue[];
  /** For RATE_LIMITED: how long to wait before another attempt can succeed. */
  retryAfterSeconds?: number | undefined;
}

// The shape our tRPC error formatter puts in `error.data`. Parsed rather than trusted: a proxy or
// an older server may answer with something else, and the page must still say something sensible.
const serverErrorData = z.object({
  code: errorCode.optional().catch(undefined),
  errorId: z.string().optional().catch(undefined),
  issues: z.array(errorIssue).optional().catch(undefined),
  retryAfterSeconds: z.number().nonnegative().optional().catch(undefined),
});

const unreachableMessage = "We couldn't reach Bookable. Check your connection and try again.";
const unexpectedMessage = "Something went wrong on our side. Please try again.";

/** Turns whatever a tRPC call threw into a message, an error id and field issues. */
export function readServerError(error: unknown): ServerError {
  if (!(error instanceof TRPCClientError)) {
    return { message: unexpectedMessage, issues: [] };
  }
  const parsed = serverErrorData.safeParse(error.data);
  if (!parsed.success || error.data == null) {
    // No tRPC error body: the request failed before our server could answer.
    return { message: unreachableMessage, issues: [] };
  }
  const { code, errorId, issues = [], retryAfterSeconds } = parsed.data;
  // 5xx messages are deliberately vague on the server; keep the friendly wording here too.
  const message = code === "INTERNAL" || !error.message ? unexpectedMessage : error.message;
  return { message, code, errorId, issues, retryAfterSeconds };
}

/**
 * True when the failure is the server's (a 5xx, or a code this app does not know): the person cannot fix
 * it by changing what they typed, so the error id is worth showing for support.
 */
export function isServerFault(error: Pick<ServerError, "code">): boolean {
  return error.code === undefined || httpStatusOf(error.code) >= 500;
}
