// `pnpm start`: validate config, open the database, serve, and stop cleanly on SIGTERM/SIGINT.
import { buildServer } from "./build-server.js";
import { startHttpRedirect } from "./http-redirect-server.js";
import { loadConfigOrExit } from "./load-config-or-exit.js";

async function main() {
  const config = loadConfigOrExit();
  const app = await buildServer(config);
  if (!config.DATABASE_URL)
    app.log.info({ dataDir: config.DATA_DIR }, "using the embedded PostgreSQL (PGlite); set DATABASE_URL for a server");

  const redirectServer = config.HTTP_REDIRECT_PORT ? startHttpRedirect(config.HOST, config.HTTP_REDIRECT_PORT) : undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // Readiness fails first, so a balancer stops sending; then Fastify refuses new requests (503), waits
    // for those in flight, and the onClose hooks stop the job queue gracefully and close the pools.
    app.lifecycle.draining = true;
    app.log.info({ signal, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, "shutting down");
    const deadline = setTimeout(() => {
      app.log.error("requests or jobs were still running when the grace period ended; stopping anyway");
      process.exit(1);
    }, config.SHUTDOWN_GRACE_SECONDS * 1000);
    deadline.unref();
    redirectServer?.close();
    await app.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  const address = await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info(`Bookable is ready at ${address.replace("127.0.0.1", "localhost")} (public URL ${config.PUBLIC_URL})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
