// The bench's own PostgreSQL database: created fresh on BENCH_DATABASE_URL and dropped at the end.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { BenchError, onCleanup } from "./bench-lifecycle.js";

export function isLoopback(hostname: string): boolean {
  return ["127.0.0.1", "localhost", "::1", "[::1]"].includes(hostname);
}

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  adminUrl: string;
  name: string;
  url: string;
}

export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `bookable_bench_${randomBytes(6).toString("hex")}`;
  try {
    await withClient(adminUrl, (client) => client.query(`create database ${name}`));
  } catch (error) {
    const shown = new URL(adminUrl);
    if (shown.password) shown.password = "***";
    throw new BenchError(
      `Could not create a database on ${shown.href}: ${error instanceof Error ? error.message : String(error)}. ` +
        "Set BENCH_DATABASE_URL to a local PostgreSQL whose role may create databases.",
    );
  }
  onCleanup("drop the bench database", async () => {
    await withClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    console.log(`Dropped database ${name}.`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { adminUrl, name, url: url.href };
}

/** Samples, once a second, how many of the bench database's connections are active. */
export async function startConnectionSampler(database: BenchDatabase) {
  const samples: number[] = [];
  let maxConnections = 0;
  const client = new pg.Client({ connectionString: database.adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  const timer = setInterval(() => {
    client
      .query<{ active: string; total: string }>(
        "select count(*) filter (where state = 'active') as active, count(*) as total from pg_stat_activity where datname = $1",
        [database.name],
      )
      .then(({ rows }) => {
        samples.push(Number(rows[0]?.active ?? 0));
        maxConnections = Math.max(maxConnections, Number(rows[0]?.total ?? 0));
      })
      .catch(() => {});
  }, 1_000);
  return {
    async stop() {
      clearInterval(timer);
      await client.end().catch(() => {});
      return {
        maxActiveConnections: Math.max(0, ...samples),
        meanActiveConnections: samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : 0,
        maxConnections,
      };
    },
  };
}
