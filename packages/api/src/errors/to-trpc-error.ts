import type { AppError } from "@bookable/core/app-error";
import type { ErrorCode } from "@bookable/validators";
import { TRPCError } from "@trpc/server";

const trpcCodeByCode: Record<ErrorCode, TRPCError["code"]> = {
  VALIDATION_FAILED: "BAD_REQUEST",
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  EMAIL_NOT_VERIFIED: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_ALLOWED: "METHOD_NOT_SUPPORTED",
  CONFLICT: "CONFLICT",
  SLOT_TAKEN: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  IDEMPOTENCY_KEY_REUSED: "UNPROCESSABLE_CONTENT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** tRPC picks the HTTP status from its own code, so an AppError is re-thrown as the matching TRPCError. */
export function toTrpcError(error: AppError): TRPCError {
  return new TRPCError({ code: trpcCodeByCode[error.code], message: error.message, cause: error });
}
