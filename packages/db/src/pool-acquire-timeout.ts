// pg-pool's own messages: waiting for a connection of a full pool, and opening a new one, past
// `connectionTimeoutMillis` (pg-pool has no error class or code for them).
const ACQUIRE_TIMEOUT_MESSAGES = new Set([
  "timeout exceeded when trying to connect",
  "Connection terminated due to connection timeout",
]);

/**
 * Whether the error (or one of its causes: Drizzle wraps driver errors) is the node-postgres pool giving up
 * on a connection after the acquire timeout: the server is overloaded, not broken, and the caller may retry.
 */
export function isPoolAcquireTimeout(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (ACQUIRE_TIMEOUT_MESSAGES.has(current.message)) return true;
    current = current.cause;
  }
  return false;
}
