import type { FastifyRequest } from "fastify";

// Query parameters that carry secrets: emailed tokens (verify, reset) and OAuth codes and states.
const SECRET_PARAMETERS = new Set(["token", "code", "state", "access_token", "refresh_token", "key"]);

// Calendar feed URLs carry their token in the path (issue 16): /api/v1/feeds/<token>.ics and
// /api/v1/feeds/<token>/resources/<id>.ics.
const FEED_TOKEN_IN_PATH = /^(\/api\/v1\/feeds\/)[^/?]+/i;

/** The URL as logged: any secret query parameter's value replaced, so a log line never holds a live token. */
export function redactUrl(rawUrl: string): string {
  const url = rawUrl.replace(FEED_TOKEN_IN_PATH, "$1[redacted]");
  const queryStart = url.indexOf("?");
  if (queryStart === -1) return url;
  const query = new URLSearchParams(url.slice(queryStart + 1));
  let changed = false;
  for (const name of [...query.keys()]) {
    if (SECRET_PARAMETERS.has(name.toLowerCase())) {
      query.set(name, "[redacted]");
      changed = true;
    }
  }
  return changed ? `${url.slice(0, queryStart)}?${query.toString()}` : url;
}

/** What the request log records of each request (Fastify's default, with the URL redacted). */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
