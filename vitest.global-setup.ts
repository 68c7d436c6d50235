// Decides once per run which databases the integration tests use: always the embedded PGlite, and
// the machine's PostgreSQL when it answers (TEST_DATABASE_URL, by default the CI machine's one).
import { Redis } from "ioredis";
import pg from "pg";
import type { TestProject } from "vitest/node";
// The provided value's type is declared beside its consumer, in @bookable/db/testing.
import type {} from "./packages/db/src/testing/test-database.js";

const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";
const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_POSTGRES_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  let reachable = false;
  try {
    await client.connect();
    await client.query("select 1");
    reachable = true;
  } catch (error) {
    console.warn(`PostgreSQL at ${url} is not reachable (${String(error)}); integration tests run on PGlite only.`);
  } finally {
    await client.end().catch(() => {});
  }
  project.provide("postgresAdminUrl", reachable ? url : null);
  project.provide("redisUrl", await reachableRedis(process.env.TEST_REDIS_URL ?? DEFAULT_REDIS_URL));
}

async function reachableRedis(url: string): Promise<string | null> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.ping();
    return url;
  } catch (error) {
    console.warn(`Redis at ${url} is not reachable (${String(error)}); shared rate-limit tests are skipped.`);
    return null;
  } finally {
    client.disconnect();
  }
}
