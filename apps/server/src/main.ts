// `pnpm start`: validate config, open the database, serve, and stop cleanly on SIGTERM/SIGINT. With
// WEB_CONCURRENCY > 1 this process is the cluster primary and the same file runs in each worker it forks.
import cluster from "node:cluster";
import { EmbeddedDatabaseInUseError } from "@bookable/db";
import { runClusterPrimary } from "./cluster-primary.js";
import { loadConfigOrExit } from "./load-config-or-exit.js";
import { serveHttp } from "./serve-http.js";

async function main() {
  const config = loadConfigOrExit();
  if (config.WEB_CONCURRENCY > 1 && cluster.isPrimary) await runClusterPrimary(config);
  else await serveHttp(config, { clusterWorker: cluster.isWorker });
}

main().catch((error: unknown) => {
  // A second server on the same embedded database: the message says what to do, a stack would bury it.
  console.error(error instanceof EmbeddedDatabaseInUseError ? error.message : error);
  process.exit(1);
});
