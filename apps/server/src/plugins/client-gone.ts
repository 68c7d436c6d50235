import type { IncomingMessage } from "node:http";

/**
 * Whether the client of a request has already gone: its socket is destroyed, or no longer knows its peer
 * (a reset connection loses its address before `destroyed` is set, and then `request.ip` is undefined:
 * @fastify/rate-limit's key generator threw on it, a 500 per abandoned request under load).
 */
export function isClientGone(request: IncomingMessage): boolean {
  const socket = request.socket;
  return socket === null || socket === undefined || socket.destroyed || socket.remoteAddress === undefined;
}
