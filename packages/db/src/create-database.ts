import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePostgres } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePostgres } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { Database, DatabaseHandle } from "./database.js";
import { lockEmbeddedDatabase } from "./embedded-database-lock.js";
import * as schema from "./schema.js";

export interface CreateDatabaseOptions {
  /** A PostgreSQL connection string. Without one, an embedded PGlite database is used. */
  url?: string | undefined;
  /** Folder for the embedded database's files; without one it lives in memory (tests). */
  dataDir?: string | undefined;
  /** Most connections the node-postgres pool opens. */
  poolMax?: number | undefined;
  /**
   * Milliseconds a query may wait for a pool connection (or for a new one to connect) before it fails with
   * pg's "timeout exceeded when trying to connect" (see `isPoolAcquireTimeout`); 0 or unset waits forever.
   */
  poolAcquireTimeoutMs?: number | undefined;
  /** How long the embedded database's lock of a process that died without releasing it stays valid (tests). */
  lockStaleMs?: number | undefined;
}

// Any fixed 64-bit number works; it only has to be the same for every Bookable process.
const MIGRATION_LOCK_KEY = 727_274_001;

export async function createDatabase(options: CreateDatabaseOptions): Promise<DatabaseHandle> {
  return options.url
    ? createPostgresDatabase(options.url, options.poolMax ?? 10, options.poolAcquireTimeoutMs ?? 0)
    : createPgliteDatabase(options.dataDir, options.lockStaleMs);
}

async function createPostgresDatabase(url: string, poolMax: number, acquireTimeoutMs: number): Promise<DatabaseHandle> {
  // A request queued behind a busy pool fails fast instead of waiting without end (issue 12: no collapse).
  const pool = new pg.Pool({ connectionString: url, max: poolMax, connectionTimeoutMillis: acquireTimeoutMs });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const db = drizzleNodePostgres({ client: pool, schema }) as unknown as Database;
  return {
    db,
    driver: "postgres",
    queueConnection: { driver: "postgres", url },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    listen: (channel, onNotification, onListening) => listenOnPostgres(url, channel, onNotification, onListening),
    async migrate(migrationsFolder) {
      // Several instances may start together: an advisory lock lets one migrate while the others wait.
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        await migrateNodePostgres(drizzleNodePostgres({ client, schema }), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await pool.end();
    },
  };
}

async function createPgliteDatabase(dataDir: string | undefined, lockStaleMs: number | undefined): Promise<DatabaseHandle> {
  // One process per data folder: a second opener fails here, before PGlite reads or writes a file.
  const releaseLock = dataDir ? await lockEmbeddedDatabase(dataDir, lockStaleMs) : async () => {};
  let client: PGlite;
  try {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    // btree_gist backs the bookings' exclusion constraint (no double booking); PGlite loads it on request.
    client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { btree_gist } });
  } catch (error) {
    await releaseLock();
    throw error;
  }
  const pgliteDb = drizzlePglite({ client, schema });
  const db = pgliteDb as unknown as Database;
  return {
    db,
    driver: "pglite",
    queueConnection: { driver: "pglite", client },
    async migrate(migrationsFolder) {
      // The folder's lock (taken at open) keeps every other process out, so no migration lock is needed.
      await migratePglite(pgliteDb, { migrationsFolder });
    },
    async listen(channel, onNotification, onListening) {
      // One embedded database, one process: its own notifications are all there are.
      const unlisten = await client.listen(channel, onNotification);
      onListening(true);
      return async () => {
        onListening(false);
        // A database closed first (tests of failures do) has nothing left to stop.
        if (!client.closed) await unlisten();
      };
    },
    async ping() {
      await client.query("select 1");
    },
    async close() {
      try {
        await client.close();
      } finally {
        await releaseLock();
      }
    },
  };
}

const RECONNECT_DELAY_MS = 1_000;

/** LISTEN on a connection of its own (a pooled one would be handed to other queries), reconnecting when lost. */
async function listenOnPostgres(
  url: string,
  channel: string,
  onNotification: (payload: string) => void,
  onListening: (listening: boolean) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url, application_name: "bookable-listener" });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      current = null;
      onListening(false);
      client.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect().catch(() => {}), RECONNECT_DELAY_MS);
    };
    client.on("notification", (message) => {
      if (message.channel === channel) onNotification(message.payload ?? "");
    });
    client.on("error", onLost);
    client.on("end", onLost);
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch {
      // Not listening yet: whoever relies on the notifications treats that as lost, and this retries.
      onLost();
      return;
    }
    if (stopped) {
      await client.end();
      return;
    }
    current = client;
    onListening(true);
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const client = current;
    current = null;
    onListening(false);
    await client?.end();
  };
}
