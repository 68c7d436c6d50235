import { AppError } from "@bookable/core";

/**
 * The refusal of a request without a caller, for procedures and for the routes outside tRPC (the calendar
 * file): a credential that was sent but failed says so, so the client knows to sign in again.
 */
export function unauthenticatedError(credentialRejected: boolean): AppError {
  return new AppError(
    "UNAUTHENTICATED",
    credentialRejected ? "The credential is invalid, expired or revoked; sign in again" : "Sign in to do this",
  );
}
