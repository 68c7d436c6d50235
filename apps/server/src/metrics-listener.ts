import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { FastifyBaseLogger } from "fastify";
import type { Logger } from "pino";

/** What the listener serves: one process's metrics, or the cluster primary's sum over its workers. */
export interface MetricsSource {
  contentType: string;
  render(): Promise<string>;
}

/**
 * Production without METRICS_TOKEN: /metrics on its own listener bound to 127.0.0.1, so only a scraper on
 * the same host or pod reaches it. A separate listener, not a check of the peer address: behind a proxy
 * every request comes from the proxy's (often loopback) address. With WEB_CONCURRENCY > 1 the cluster
 * primary runs it once, over the workers' metrics added up (see cluster-primary.ts).
 */
export async function startMetricsListener(
  metrics: MetricsSource,
  log: FastifyBaseLogger | Logger,
  port: number,
): Promise<Server | undefined> {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found: this port serves GET /metrics only\n");
      return;
    }
    metrics.render().then(
      (body) => response.writeHead(200, { "content-type": metrics.contentType }).end(body),
      (error: unknown) => {
        log.error({ err: error }, "rendering metrics failed");
        response.writeHead(500).end();
      },
    );
  });
  server.listen(port, "127.0.0.1");
  try {
    await once(server, "listening");
  } catch (error) {
    // Another instance on this host has the port: metrics are not worth refusing to serve the app for.
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    log.warn(
      { metricsPort: port },
      `METRICS_PORT ${port} is in use (another instance on this host?): this instance does not serve /metrics; give each instance its own METRICS_PORT, or set METRICS_TOKEN`,
    );
    return undefined;
  }
  return server;
}
