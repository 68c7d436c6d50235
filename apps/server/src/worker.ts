// `pnpm start:worker`: a process that only works the job queue (email and SMS delivery, and the scheduled jobs:
// the payments sweep and the retention prune), for deployments that run workers apart from the web servers
// (set RUN_WORKERS=false on those, which then only serve requests). Stops cleanly on SIGTERM:
// the message in hand is finished, or handed back to the queue when the grace period runs out.
import { createDatabase } from "@bookable/db";
import pino from "pino";
import { collectDefaultMetrics, Registry } from "prom-client";
import { migrationsFolder } from "./asset-paths.js";
import { createServices } from "./create-services.js";
import { serializeErrorForLog } from "./error-log-serializer.js";
import { loadConfigOrExit } from "./load-config-or-exit.js";
import { startMetricsListener } from "./metrics-listener.js";

async function main() {
  const config = loadConfigOrExit();
  if (!config.DATABASE_URL) {
    console.error(
      "A separate worker needs DATABASE_URL: the embedded database can be opened by one process only. Without DATABASE_URL the server works the queue itself.",
    );
    process.exit(1);
  }
  const logger = pino({ level: config.LOG_LEVEL, base: { process: "worker" }, serializers: { err: serializeErrorForLog } });
  const database = await createDatabase({ url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX });
  await database.migrate(migrationsFolder());
  const services = await createServices({ ...config, RUN_WORKERS: true }, database, logger);
  // What this worker delivers (latency, provider errors) is counted here, not in any server: it serves its
  // own /metrics on the loopback-only METRICS_PORT (issue 13).
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "bookable_worker_" });
  services.notificationMetrics.register(registry, services.jobs);
  const metricsServer = await startMetricsListener(
    { contentType: registry.contentType, render: () => registry.metrics() },
    logger,
    config.METRICS_PORT,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "worker shutting down");
    metricsServer?.close();
    await services.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  logger.info("Bookable worker is ready: delivering queued messages and running the scheduled jobs");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
