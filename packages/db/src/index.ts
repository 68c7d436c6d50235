export { type CreateDatabaseOptions, createDatabase } from "./create-database.js";
export type { Database, DatabaseDriver, DatabaseExecutor, DatabaseHandle, PGliteLike, QueueConnection } from "./database.js";
export { EmbeddedDatabaseInUseError } from "./embedded-database-lock.js";
export {
  ensureQueue,
  inTransaction,
  type Job,
  type JobInsert,
  type JobQueue,
  type JobQueueOptions,
  type JobResult,
  type QueueOptions,
  startJobQueue,
} from "./job-queue.js";
export { migrationsFolder } from "./migrations-folder.js";
export { isPoolAcquireTimeout } from "./pool-acquire-timeout.js";
export { isExclusionViolation, isRetryableTransactionError, uniqueViolationConstraint } from "./postgres-errors.js";
export * from "./schema.js";
