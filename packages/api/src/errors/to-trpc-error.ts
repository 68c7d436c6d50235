import type { AppError } from "@bookable/core/app-error";
import { errorTable } from "@bookable/validators";
import { TRPCError } from "@trpc/server";

/** tRPC picks the HTTP status from its own code, so an AppError is re-thrown with its row's tRPC code. */
export function toTrpcError(error: AppError): TRPCError {
  return new TRPCError({ code: errorTable[error.code].trpcCode, message: error.message, cause: error });
}
