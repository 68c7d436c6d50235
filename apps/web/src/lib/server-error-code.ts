import { TRPCClientError } from "@trpc/client";

/**
 * Just the error code of a failed tRPC call ("UNAUTHENTICATED", "NOT_FOUND", …), or undefined when the
 * server never answered. For code on every page (header, query retries): unlike `readServerError` it
 * needs no Zod, which keeps the schema library out of the bundle the home page waits for.
 */
export function serverErrorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null || !("code" in data)) return undefined;
  return typeof data.code === "string" ? data.code : undefined;
}
