export { type CreateDatabaseOptions, createDatabase } from "./create-database.js";
export type { Database, DatabaseDriver, DatabaseExecutor, DatabaseHandle } from "./database.js";
export { migrationsFolder } from "./migrations-folder.js";
export { isExclusionViolation, isRetryableTransactionError, uniqueViolationConstraint } from "./postgres-errors.js";
export * from "./schema.js";
