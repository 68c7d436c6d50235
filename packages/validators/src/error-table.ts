/**
 * The one error table (issue 14, docs/decisions/030-one-error-table.md): every code Bookable reports, with
 * the HTTP status clients see, the tRPC code the /trpc surface raises, and the message used when nothing more
 * specific is said. Every surface reads it: tRPC errors, REST responses, Fastify's own errors, the calendar
 * file and the webhooks. It lives in validators so the web app, core and the server import it without
 * loading anything else (and the OpenAPI document lists the same codes).
 *
 * `fromTrpc` marks the one code a bare tRPC error (one not raised from an AppError) or a bare Fastify error
 * status becomes; the more specific codes sharing its status (EMAIL_NOT_VERIFIED, SLOT_TAKEN...) never are.
 */
export const errorTable = {
  VALIDATION_FAILED: { httpStatus: 400, trpcCode: "BAD_REQUEST", message: "Input validation failed" },
  BAD_REQUEST: { httpStatus: 400, trpcCode: "BAD_REQUEST", message: "The request is malformed", fromTrpc: true },
  UNAUTHENTICATED: { httpStatus: 401, trpcCode: "UNAUTHORIZED", message: "Sign in to do this", fromTrpc: true },
  FORBIDDEN: { httpStatus: 403, trpcCode: "FORBIDDEN", message: "You may not do this", fromTrpc: true },
  /** The account must confirm its email address first (to book, or to create API keys). */
  EMAIL_NOT_VERIFIED: { httpStatus: 403, trpcCode: "FORBIDDEN", message: "Confirm your email address first" },
  NOT_FOUND: { httpStatus: 404, trpcCode: "NOT_FOUND", message: "Not found", fromTrpc: true },
  METHOD_NOT_ALLOWED: {
    httpStatus: 405,
    trpcCode: "METHOD_NOT_SUPPORTED",
    message: "This method is not allowed here",
    fromTrpc: true,
  },
  CONFLICT: { httpStatus: 409, trpcCode: "CONFLICT", message: "This conflicts with the current state", fromTrpc: true },
  /** The slot was taken (or filled) by someone else first. */
  SLOT_TAKEN: { httpStatus: 409, trpcCode: "CONFLICT", message: "This slot is no longer available" },
  /**
   * A priced booking (paid or awaiting payment) cannot move to a slot at another price: its payment covers the
   * price it was booked at. Cancel it and book again instead.
   */
  RESCHEDULE_PRICE_DIFFERS: {
    httpStatus: 409,
    trpcCode: "CONFLICT",
    message: "The new time costs a different amount; cancel and book again instead",
  },
  /** The slot has no seat left and the caller holds a live booking in it (another tab, issue 15). */
  ALREADY_BOOKED: { httpStatus: 409, trpcCode: "CONFLICT", message: "You already booked this time" },
  /** A waitlist is only for a full slot: this one has seats, so book it (issue 15). */
  WAITLIST_SLOT_AVAILABLE: { httpStatus: 409, trpcCode: "CONFLICT", message: "This slot still has free seats; book it instead" },
  /** The caller is already waiting for (or has been offered) this slot. */
  WAITLIST_ALREADY_JOINED: { httpStatus: 409, trpcCode: "CONFLICT", message: "You are already on the waitlist for this slot" },
  /** The offer ran out, was declined or was taken meanwhile. */
  WAITLIST_OFFER_CLOSED: { httpStatus: 409, trpcCode: "CONFLICT", message: "This offer is no longer open" },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, trpcCode: "PAYLOAD_TOO_LARGE", message: "The request body is too large", fromTrpc: true },
  UNSUPPORTED_MEDIA_TYPE: {
    httpStatus: 415,
    trpcCode: "UNSUPPORTED_MEDIA_TYPE",
    message: "This content type is not supported; send application/json",
    fromTrpc: true,
  },
  /** The Idempotency-Key was used before with a different request. */
  IDEMPOTENCY_KEY_REUSED: {
    httpStatus: 422,
    trpcCode: "UNPROCESSABLE_CONTENT",
    message: "This Idempotency-Key was used with a different request",
  },
  RATE_LIMITED: { httpStatus: 429, trpcCode: "TOO_MANY_REQUESTS", message: "Too many attempts; try again later", fromTrpc: true },
  INTERNAL: {
    httpStatus: 500,
    trpcCode: "INTERNAL_SERVER_ERROR",
    message: "Something went wrong on our side. Quote the error id if you contact us.",
    fromTrpc: true,
  },
  SERVICE_UNAVAILABLE: {
    httpStatus: 503,
    trpcCode: "SERVICE_UNAVAILABLE",
    message: "The server is busy; try again in a moment",
    fromTrpc: true,
  },
} as const satisfies Record<string, ErrorTableRow>;

export interface ErrorTableRow {
  httpStatus: number;
  /** A key of tRPC's TRPC_ERROR_CODES_BY_KEY; errors-table.test.ts in packages/api checks it against tRPC. */
  trpcCode: string;
  message: string;
  fromTrpc?: true;
}

export type ErrorCode = keyof typeof errorTable;
export type ErrorTrpcCode = (typeof errorTable)[ErrorCode]["trpcCode"];

/** Every code, in the table's order (the order the OpenAPI document lists them). */
export const errorCodes = Object.keys(errorTable) as [ErrorCode, ...ErrorCode[]];

/** The HTTP status clients see for a code. */
export function httpStatusOf(code: ErrorCode): number {
  return errorTable[code].httpStatus;
}

/** The code a bare tRPC error code becomes; INTERNAL for one without a row (tRPC's PARSE_ERROR is BAD_REQUEST). */
export function codeFromTrpc(trpcCode: string): ErrorCode {
  if (trpcCode === "PARSE_ERROR") return "BAD_REQUEST";
  return errorCodes.find((code) => "fromTrpc" in errorTable[code] && errorTable[code].trpcCode === trpcCode) ?? "INTERNAL";
}

/** The code of a bare HTTP error status (one Fastify raised); INTERNAL for a 5xx without a row, else BAD_REQUEST. */
export function codeFromHttpStatus(httpStatus: number): ErrorCode {
  const code = errorCodes.find(
    (candidate) => "fromTrpc" in errorTable[candidate] && errorTable[candidate].httpStatus === httpStatus,
  );
  return code ?? (httpStatus >= 500 ? "INTERNAL" : "BAD_REQUEST");
}
