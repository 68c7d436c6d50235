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

export interface DatabaseHandle {
  readonly db: Database;
  readonly driver: DatabaseDriver;
  /** Applies the committed SQL migrations in `migrationsFolder`; safe to run from several processes at once. */
  migrate(migrationsFolder: string): Promise<void>;
  /** Resolves when the database answers a trivial query; used by readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
