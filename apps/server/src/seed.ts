// `pnpm db:seed`: fill the configured database with demo resources (see seed-demo-data.ts), then exit.
// It applies the migrations first, so it also works on a fresh database. The embedded database can be
// opened by one process only: while the server runs, this refuses (SEED_DEMO_DATA=true seeds at start). Safe to run again: resources
// whose slug exists are skipped. It never creates users: admins come from ADMIN_EMAILS (an address
// listed there becomes admin once it registers and verifies its email).
import { createDatabase, EmbeddedDatabaseInUseError } from "@bookable/db";
import { migrationsFolder } from "./asset-paths.js";
import { ConfigError, loadConfig } from "./config.js";
import { seedDemoData } from "./seed-demo-data.js";

try {
  const config = loadConfig();
  const database = await createDatabase({
    url: config.DATABASE_URL,
    dataDir: `${config.DATA_DIR}/pglite`,
    poolMax: config.DATABASE_POOL_MAX,
  });
  try {
    await database.migrate(migrationsFolder());
    const summary = await seedDemoData(database.db);
    console.log(`Seeded ${database.driver === "pglite" ? `${config.DATA_DIR}/pglite` : "DATABASE_URL"}:`);
    for (const resource of summary.created) console.log(`  created  ${resource.name} (/${resource.slug})`);
    for (const resource of summary.skipped) console.log(`  exists   ${resource.name} (/${resource.slug}), left as it is`);
    for (const closed of summary.closedDates) console.log(`  closed   ${closed.date} for /${closed.slug}`);
    console.log(`${summary.created.length} created, ${summary.skipped.length} already there. No users were created.`);
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof EmbeddedDatabaseInUseError) {
    console.error(
      `${error.message}\n\nThe running server has the embedded database open. Either stop it and run \`pnpm db:seed\` again, ` +
        "or start it with `SEED_DEMO_DATA=true pnpm start`, which adds the same demo data at start (safe to repeat).",
    );
  } else console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
