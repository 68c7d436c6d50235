import cluster, { type Worker } from "node:cluster";
import pino from "pino";
import { AggregatorRegistry } from "prom-client";
import type { Config } from "./config.js";
import { serializeErrorForLog } from "./error-log-serializer.js";
import { startHttpRedirect } from "./http-redirect-server.js";
import { metricsExposure } from "./metrics-exposure.js";
import { startMetricsListener } from "./metrics-listener.js";
import { runStartupTasks } from "./run-startup-tasks.js";
import { relayDevOutboxes } from "./shared-dev-outboxes.js";
import { WorkerRestartBackoff } from "./worker-restart-backoff.js";

/** Past the workers' own grace period: how long the primary waits before it kills a worker that did not stop. */
const KILL_AFTER_GRACE_MS = 5_000;

/**
 * WEB_CONCURRENCY > 1 (issue 12): this process serves no requests itself. It migrates and seeds once, forks
 * WEB_CONCURRENCY workers that share PORT (node:cluster hands connections out round robin), runs the
 * HTTP→HTTPS redirect and the loopback metrics listener once (the workers' metrics added up by prom-client's
 * AggregatorRegistry), and replaces a worker that dies (with a back-off). SIGTERM or SIGINT is passed to
 * every worker, which drains as a single server would; the primary exits 0 once all did so cleanly.
 */
export async function runClusterPrimary(config: Config): Promise<void> {
  const log = pino({
    level: config.LOG_LEVEL,
    base: { pid: process.pid, process: "primary" },
    serializers: { err: serializeErrorForLog },
  });
  await runStartupTasks(config, log);

  const redirectServer = config.HTTP_REDIRECT_PORT ? startHttpRedirect(config.HOST, config.HTTP_REDIRECT_PORT) : undefined;
  const aggregated = new AggregatorRegistry();
  const metricsServer =
    metricsExposure(config) === "loopback"
      ? await startMetricsListener(
          { contentType: aggregated.contentType, render: () => aggregated.clusterMetrics() },
          log,
          config.METRICS_PORT,
        )
      : undefined;

  const backoff = new WorkerRestartBackoff();
  const pendingReplacements = new Set<NodeJS.Timeout>();
  const listening = new Set<number>();
  let ready = false;
  let shuttingDown = false;
  let failedExits = 0;

  const shutdown = async (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ reason, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, "shutting down every server process");
    for (const timer of pendingReplacements) clearTimeout(timer);
    redirectServer?.close();
    metricsServer?.close();
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    // A signal of their own, not worker.kill(): that disconnects first, which closes the worker's listener
    // behind Fastify's back; SIGTERM runs the worker's graceful shutdown as it would without a cluster.
    for (const worker of workers) worker.process.kill("SIGTERM");
    const allStopped = await everyWorkerExited(workers, config.SHUTDOWN_GRACE_SECONDS * 1000 + KILL_AFTER_GRACE_MS);
    if (!allStopped) {
      log.error("server processes still running past the grace period; killing them");
      for (const worker of workers) if (!worker.isDead()) worker.process.kill("SIGKILL");
    }
    process.exit(allStopped && failedExits === 0 && reason !== "startup failed" ? 0 : 1);
  };

  // Outside production the workers' dev mailboxes are kept whole through the primary.
  if (config.NODE_ENV !== "production") relayDevOutboxes();
  cluster.on("listening", (worker, address) => {
    listening.add(worker.id);
    log.info({ workerPid: worker.process.pid, port: address.port }, "server process listening");
    if (!ready && listening.size >= config.WEB_CONCURRENCY) {
      ready = true;
      log.info(
        `Bookable is ready at ${config.PUBLIC_URL} with ${config.WEB_CONCURRENCY} server processes (primary pid ${process.pid})`,
      );
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    listening.delete(worker.id);
    if (shuttingDown) {
      // One killed by the SIGTERM before it had set up its own handler (still starting) did nothing wrong.
      if (code !== 0 && signal !== "SIGTERM") failedExits++;
      return;
    }
    if (!ready) {
      // A worker that cannot even start (port taken, database refused) would fail the same way again.
      log.error({ workerPid: worker.process.pid, code, signal }, "a server process exited before the server was ready");
      void shutdown("startup failed");
      return;
    }
    const delayMs = backoff.delayAfterCrash(Date.now());
    log.error({ workerPid: worker.process.pid, code, signal, replacementInMs: delayMs }, "a server process died; replacing it");
    const timer = setTimeout(() => {
      pendingReplacements.delete(timer);
      if (!shuttingDown) cluster.fork();
    }, delayMs);
    pendingReplacements.add(timer);
  });
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  for (let index = 0; index < config.WEB_CONCURRENCY; index++) cluster.fork();
}

function everyWorkerExited(workers: Worker[], withinMs: number): Promise<boolean> {
  const exits = workers.map((worker) =>
    worker.isDead() ? Promise.resolve() : new Promise<void>((resolve) => worker.once("exit", () => resolve())),
  );
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), withinMs);
    void Promise.all(exits).then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
