import type { FastifyInstance } from "fastify";

/**
 * Stops the server the way a rolling update needs: readiness fails first (so balancers stop sending),
 * then Fastify refuses new requests with 503 and waits for those in flight, and the `onClose` hooks stop
 * the payments sweep and the job queue gracefully and close the pools. Resolves true when all of that
 * finished within the grace period, false when the period ran out first (the caller then exits anyway).
 */
export async function gracefulShutdown(app: FastifyInstance, graceSeconds: number): Promise<boolean> {
  app.lifecycle.draining = true;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), graceSeconds * 1000);
    timer.unref();
  });
  // Node closes idle keep-alive connections only once, when the close begins; a connection whose request
  // finishes afterwards would stay open until its keep-alive timeout (72 s in Fastify) and hold up the close.
  // So idle connections are closed again as requests finish.
  const idleSweeper = setInterval(() => app.server.closeIdleConnections(), 100);
  try {
    return await Promise.race([app.close().then(() => true as const), expired]);
  } finally {
    clearTimeout(timer);
    clearInterval(idleSweeper);
  }
}
