import type { FastifyRequest } from "fastify";

// Query parameters that carry secrets: emailed tokens (verify, reset) and OAuth codes and states.
const SECRET_PARAMETERS = new Set(["token", "code", "state", "access_token", "refresh_token", "key"]);

/** The URL as logged: any secret query parameter's value replaced, so a log line never holds a live token. */
export function redactUrl(url: string): string {
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
