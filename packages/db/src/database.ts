import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema.js";

/**
 * The Drizzle database every service receives. Both drivers (embedded PGlite and node-postgres) are
 * PostgreSQL, so code is written once against the common PostgreSQL dialect.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction or the database itself: services accept either, so callers can compose them. */
export type DatabaseExecutor = Parameters<Parameters<Database["transaction"]>[0]>[0] | Database;

export type DatabaseDriver = "pglite" | "postgres";

/** How the job queue (pg-boss) reaches the same database: its own pool, or the one embedded PGlite. */
export type QueueConnection =
  | { readonly driver: "postgres"; readonly url: string }
  | { readonly driver: "pglite"; readonly client: PGliteLike };

/** The part of a PGlite instance pg-boss uses. */
export interface PGliteLike {
  query<T>(query: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(query: string): Promise<Array<{ rows: unknown[] }>>;
}

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: DatabaseDriver;
  readonly queueConnection: QueueConnection;
  /** Applies the committed SQL migrations in `migrationsFolder`; safe to run from several processes at once. */
  migrate(migrationsFolder: string): Promise<void>;
  /** Connections of the node-postgres pool (metrics); undefined for the embedded database. */
  poolStats?(): { total: number; idle: number; waiting: number };
  /**
   * Calls `onNotification` with the payload of every NOTIFY on `channel` (sent by any process on this
   * database), and `onListening` with true once listening and false whenever the connection is lost (it
   * reconnects by itself). Resolves to a function that stops listening.
   */
  listen(
    channel: string,
    onNotification: (payload: string) => void,
    onListening: (listening: boolean) => void,
  ): Promise<() => Promise<void>>;
  /** Resolves when the database answers a trivial query; used by readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
