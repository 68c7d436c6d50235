import { randomBytes } from "node:crypto";
import pg from "pg";
import type {} from "vitest";
import { createDatabase } from "../create-database.js";
import type { DatabaseDriver, DatabaseHandle } from "../database.js";
import { migrationsFolder } from "../migrations-folder.js";

declare module "vitest" {
  /** Provided by the root vitest.global-setup.ts: the PostgreSQL to test on, or null when none answers. */
  export interface ProvidedContext {
    postgresAdminUrl: string | null;
    /** The Redis to test shared counters on, or null when none answers. */
    redisUrl: string | null;
  }
}

export interface TestDatabaseTarget {
  driver: DatabaseDriver;
  /** For PostgreSQL: a database on the server where the test may create and drop databases. */
  adminUrl?: string;
}

/** The databases integration tests run against: PGlite always, PostgreSQL when it is reachable. */
export function testDatabaseTargets(postgresAdminUrl: string | null): TestDatabaseTarget[] {
  return postgresAdminUrl ? [{ driver: "pglite" }, { driver: "postgres", adminUrl: postgresAdminUrl }] : [{ driver: "pglite" }];
}

/**
 * A fresh, migrated database of its own for one test file: an in-memory PGlite, or a new database on
 * the PostgreSQL server that is dropped again on close. Tests never share rows. `pool` sizes the
 * node-postgres pool (PostgreSQL only), e.g. one connection to test what happens when it is busy.
 */
export async function openTestDatabase(
  target: TestDatabaseTarget,
  pool: { max?: number; acquireTimeoutMs?: number } = {},
): Promise<DatabaseHandle> {
  if (target.driver === "pglite" || !target.adminUrl) {
    const database = await createDatabase({});
    await database.migrate(migrationsFolder);
    return database;
  }
  const name = `bookable_test_${randomBytes(6).toString("hex")}`;
  const adminUrl = target.adminUrl;
  await withAdminClient(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await createDatabase({
    url: url.href,
    poolMax: pool.max ?? 20,
    poolAcquireTimeoutMs: pool.acquireTimeoutMs,
  });
  await database.migrate(migrationsFolder);
  return {
    ...database,
    async close() {
      await database.close();
      await withAdminClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdminClient<T>(adminUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
