import type { FastifyRequest } from "fastify";

/**
 * Whether a browser sent this request from a page of another origin. The Origin header is compared with
 * the app's public origin and with the origin the request was addressed to (the same app behind a dev
 * proxy); without an Origin, the Fetch Metadata header decides. Non-browser clients send neither.
 */
export function isCrossSiteRequest(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return request.headers["sec-fetch-site"] === "cross-site";
  if (origin === "null") return true;
  const ownOrigins = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`]);
  return !ownOrigins.has(origin);
}
