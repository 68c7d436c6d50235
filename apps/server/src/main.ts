// `pnpm start`: validate config, open the database, serve, and stop cleanly on SIGTERM/SIGINT.
import { EmbeddedDatabaseInUseError } from "@bookable/db";
import { buildServer } from "./build-server.js";
import { gracefulShutdown } from "./graceful-shutdown.js";
import { startHttpRedirect } from "./http-redirect-server.js";
import { loadConfigOrExit } from "./load-config-or-exit.js";
import { metricsExposure } from "./metrics-exposure.js";
import { startMetricsListener } from "./metrics-listener.js";

async function main() {
  const config = loadConfigOrExit();
  const app = await buildServer(config);
  if (!config.DATABASE_URL)
    app.log.info({ dataDir: config.DATA_DIR }, "using the embedded PostgreSQL (PGlite); set DATABASE_URL for a server");

  const redirectServer = config.HTTP_REDIRECT_PORT ? startHttpRedirect(config.HOST, config.HTTP_REDIRECT_PORT) : undefined;
  const metricsServer = metricsExposure(config) === "loopback" ? await startMetricsListener(app, config.METRICS_PORT) : undefined;
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
  app.log.info(`Bookable is ready at ${address.replace("127.0.0.1", "localhost")} (public URL ${config.PUBLIC_URL})`);
}

main().catch((error: unknown) => {
  // A second server on the same embedded database: the message says what to do, a stack would bury it.
  console.error(error instanceof EmbeddedDatabaseInUseError ? error.message : error);
  process.exit(1);
});
