import { errorTable } from "@bookable/validators";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { FastifyRequest } from "fastify";
import { type ErrorToSend, statusOf } from "./send-error.js";

interface TrpcErrorEnvelope {
  error: {
    message: string;
    code: number;
    data: { code: string; httpStatus: number; errorId: string; retryAfterSeconds?: number; path: string };
  };
}

/**
 * An error answered before tRPC runs (shedding), in the shape our tRPC error formatter gives (a JSON-RPC
 * numeric code, our code and error id in `data`), so the tRPC client raises a TRPCClientError as usual.
 * A batch call (`?batch=1`, paths joined by commas) gets one envelope per procedure.
 */
export function trpcErrorBody(
  request: FastifyRequest,
  error: ErrorToSend,
  retryAfterSeconds: number,
): TrpcErrorEnvelope | TrpcErrorEnvelope[] {
  const { path = "" } = request.params as { path?: string };
  const envelope = (procedure: string): TrpcErrorEnvelope => ({
    error: {
      message: error.message,
      code: TRPC_ERROR_CODES_BY_KEY[errorTable[error.code].trpcCode],
      data: { code: error.code, httpStatus: statusOf(error), errorId: error.errorId, retryAfterSeconds, path: procedure },
    },
  });
  const { batch } = request.query as { batch?: string };
  return batch === "1" ? path.split(",").map(envelope) : envelope(path);
}
