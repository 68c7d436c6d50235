// `pnpm db:migrate` (and `node dist/migrate.js` in the container): apply the committed migrations to the
// database the configuration names, then exit. The server also migrates at start.
import { createDatabase, EmbeddedDatabaseInUseError } from "@bookable/db";
import { migrationsFolder } from "./asset-paths.js";
import { ConfigError, loadConfig } from "./config.js";

try {
  const config = loadConfig();
  const database = await createDatabase({ url: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pglite` });
  try {
    await database.migrate(migrationsFolder());
    console.log(`Migrations applied to ${database.driver === "pglite" ? `${config.DATA_DIR}/pglite` : "DATABASE_URL"}.`);
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof EmbeddedDatabaseInUseError) {
    console.error(`${error.message}\n\nThe server applies the migrations itself when it starts; nothing to do while it runs.`);
  } else console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
