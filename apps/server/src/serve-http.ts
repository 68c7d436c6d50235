import { buildServer } from "./build-server.js";
import type { Config } from "./config.js";
import { gracefulShutdown } from "./graceful-shutdown.js";
import { startHttpRedirect } from "./http-redirect-server.js";
import { metricsExposure } from "./metrics-exposure.js";
import { startMetricsListener } from "./metrics-listener.js";

/**
 * One server process: the whole server when WEB_CONCURRENCY is 1, or one cluster worker. A worker leaves
 * migrations, seeding, the HTTP→HTTPS redirect and the loopback metrics listener to the primary, which does
 * each once (cluster-primary.ts). Either way SIGTERM/SIGINT drain it: requests in flight finish within
 * SHUTDOWN_GRACE_SECONDS, then it exits 0 (1 when the grace period ran out).
 */
export async function serveHttp(config: Config, { clusterWorker }: { clusterWorker: boolean }): Promise<void> {
  const app = await buildServer(config, { startupTasksDone: clusterWorker, clusterWorker });
  if (!config.DATABASE_URL)
    app.log.info({ dataDir: config.DATA_DIR }, "using the embedded PostgreSQL (PGlite); set DATABASE_URL for a server");

  const redirectServer =
    config.HTTP_REDIRECT_PORT && !clusterWorker ? startHttpRedirect(config.HOST, config.HTTP_REDIRECT_PORT) : undefined;
  const metricsServer =
    metricsExposure(config) === "loopback" && !clusterWorker
      ? await startMetricsListener(app.metrics, app.log, config.METRICS_PORT)
      : undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, "shutting down");
    redirectServer?.close();
    metricsServer?.close();
    const finished = await gracefulShutdown(app, config.SHUTDOWN_GRACE_SECONDS);
    if (!finished) {
      app.log.error("requests or jobs were still running when the grace period ended; stopping anyway");
      process.exit(1);
    }
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  const address = await app.listen({ host: config.HOST, port: config.PORT });
  if (clusterWorker) app.log.info({ address }, "server process listening (cluster worker)");
  else app.log.info(`Bookable is ready at ${address.replace("127.0.0.1", "localhost")} (public URL ${config.PUBLIC_URL})`);
}
