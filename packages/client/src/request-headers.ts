import type { Middleware } from "openapi-fetch";
import type { TokenSession } from "./token-session.js";

/** The methods that change state; each gets an Idempotency-Key so that a retry cannot do the change twice. */
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const IDEMPOTENCY_KEY = "Idempotency-Key";

/**
 * Adds `Authorization: Bearer <access token>` (when the client holds one and the call sets none) and an
 * `Idempotency-Key` to every write that has none. The key is set here, before the first attempt, so the
 * retrying fetch sends the very same key with every retry of the request.
 */
export function requestHeadersMiddleware(session: TokenSession, newKey: () => string): Middleware {
  return {
    onRequest({ request }) {
      session.authorise(request);
      if (WRITE_METHODS.has(request.method) && !request.headers.has(IDEMPOTENCY_KEY))
        request.headers.set(IDEMPOTENCY_KEY, newKey());
      return request;
    },
  };
}
