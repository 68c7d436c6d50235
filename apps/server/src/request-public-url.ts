import { isIP } from "node:net";
import type { FastifyRequest } from "fastify";
import type { Config } from "./config.js";

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The origin links made for this request start with (emails, the checkout): the address the user is on, so a
 * link never lands them on another origin, signed out (issue 15: the app opened at http://127.0.0.1:3000 sent
 * "Book and pay" to http://localhost:3000). The Host header is the client's to write, so it is believed only
 * where it cannot send links elsewhere:
 * - PUBLIC_URL set: always PUBLIC_URL.
 * - production without PUBLIC_URL: the default, never the Host header.
 * - otherwise the request's origin when it names this server: the address and port the connection came in on
 *   (loopback by any of its names), or an origin of CORS_ORIGINS; else the default.
 */
export function requestPublicUrl(
  request: FastifyRequest,
  config: Pick<Config, "PUBLIC_URL" | "PUBLIC_URL_SET" | "NODE_ENV" | "CORS_ORIGINS">,
): string {
  if (config.PUBLIC_URL_SET || config.NODE_ENV === "production") return config.PUBLIC_URL;
  const origin = requestOrigin(request);
  if (!origin) return config.PUBLIC_URL;
  if (origin.origin === new URL(config.PUBLIC_URL).origin || config.CORS_ORIGINS.includes(origin.origin)) return origin.origin;
  return servedHere(request, origin) ? origin.origin : config.PUBLIC_URL;
}

function requestOrigin(request: FastifyRequest): URL | null {
  if (request.protocol !== "http" && request.protocol !== "https") return null;
  try {
    const url = new URL(`${request.protocol}://${request.host}`);
    // A Host with a path, user info or anything else is not an origin.
    return url.username || url.password || url.pathname !== "/" || url.search || url.hash ? null : url;
  } catch {
    return null;
  }
}

/** The Host names the address and port this connection was accepted on. */
function servedHere(request: FastifyRequest, origin: URL): boolean {
  const { localAddress, localPort } = request.socket;
  if (!localAddress || !localPort) return false;
  const port = origin.port || (origin.protocol === "https:" ? "443" : "80");
  if (port !== String(localPort)) return false;
  const local = localAddress.replace(/^::ffff:/, "");
  if (LOOPBACK_NAMES.has(origin.hostname)) return isLoopback(local);
  const host = origin.hostname.replace(/^\[|\]$/g, "");
  return isIP(host) !== 0 && host === local;
}

function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.");
}
