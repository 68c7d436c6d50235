import { createDatabase } from "@bookable/db";
import type { Logger } from "pino";
import { migrationsFolder } from "./asset-paths.js";
import type { Config } from "./config.js";
import { seedDemoData } from "./seed-demo-data.js";

/**
 * What a server does once at start before serving: apply the migrations and, with SEED_DEMO_DATA, add the
 * demo resources. The cluster primary runs it before forking, so WEB_CONCURRENCY workers do not each repeat it.
 */
export async function runStartupTasks(config: Config, log: Logger): Promise<void> {
  const database = await createDatabase({ url: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pglite`, poolMax: 1 });
  try {
    await database.migrate(migrationsFolder());
    if (config.SEED_DEMO_DATA) {
      const summary = await seedDemoData(database.db);
      log.info(
        { created: summary.created.map((resource) => resource.slug), alreadyThere: summary.skipped.length },
        "demo data seeded (SEED_DEMO_DATA)",
      );
    }
  } finally {
    await database.close();
  }
}
