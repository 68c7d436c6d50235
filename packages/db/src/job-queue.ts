import { type SQL, sql } from "drizzle-orm";
import {
  type DrizzleTransactionLike,
  fromDrizzle,
  fromPglite,
  type Job,
  type JobInsert,
  type JobResult,
  PgBoss,
  type QueueOptions,
  type QueuePolicy,
} from "pg-boss";
import type { DatabaseExecutor, DatabaseHandle } from "./database.js";

export type { Job, JobInsert, JobResult, QueueOptions };
export type JobQueue = PgBoss;

export interface JobQueueOptions {
  /**
   * Whether this instance runs pg-boss's maintenance (expiring stuck jobs, retention). Every process that
   * works jobs should; pg-boss coordinates several of them itself.
   */
  supervise: boolean;
  /** How often workers look for new jobs, in seconds (pg-boss's default is 2). */
  pollingIntervalSeconds?: number;
  /** How often the supervisor looks for jobs whose worker died (past their expiry), in seconds; 60 by default. */
  superviseIntervalSeconds?: number;
  /**
   * Whether this instance's workers are woken by PostgreSQL LISTEN/NOTIFY the moment a job is sent to a queue
   * created with `notify: true` (issue 13), instead of at their next poll. Holds one more connection on
   * PostgreSQL (none on PGlite); only processes that work jobs need it.
   */
  listen?: boolean;
  /**
   * Whether this instance runs pg-boss's timekeeper, which sends the jobs of cron schedules (issue 14: the
   * retention prune). Several instances may: pg-boss sends each occurrence once. Only processes that work
   * jobs need it; off by default.
   */
  schedule?: boolean;
}

/**
 * The durable job queue: pg-boss in the application's own PostgreSQL (its tables live in the `pgboss`
 * schema), or in the embedded PGlite through pg-boss's PGlite adapter. Jobs are enqueued inside business
 * transactions with `inTransaction`, so a rolled-back change enqueues nothing.
 */
export async function startJobQueue(handle: DatabaseHandle, options: JobQueueOptions): Promise<JobQueue> {
  const connection = handle.queueConnection;
  const common = {
    supervise: options.supervise,
    schedule: options.schedule ?? false,
    useListenNotify: options.listen ?? false,
    // Expiry of lost jobs runs in pg-boss's monitor pass, which is gated by its own interval too.
    ...(options.superviseIntervalSeconds
      ? { superviseIntervalSeconds: options.superviseIntervalSeconds, monitorIntervalSeconds: options.superviseIntervalSeconds }
      : {}),
  };
  const boss =
    connection.driver === "postgres"
      ? new PgBoss({ connectionString: connection.url, max: 4, ...common })
      : new PgBoss({ backend: "pglite", db: fromPglite(connection.client), ...common });
  // pg-boss reports background failures (a lost connection, a failed maintenance run) as events; without a
  // listener an EventEmitter `error` would crash the process. The host logs them through onError.
  boss.on("error", () => {});
  await boss.start();
  return boss;
}

/** pg-boss's view of a Drizzle transaction: a job sent through it commits or rolls back with the transaction. */
export function inTransaction(executor: DatabaseExecutor) {
  // Both drivers answer `execute` with an object holding `rows` (node-postgres' QueryResult, PGlite's
  // Results); Bookable's Database type leaves the result unknown, so it is checked here.
  const transaction: DrizzleTransactionLike = {
    async execute(query) {
      const result: unknown = await executor.execute(query as SQL);
      if (typeof result !== "object" || result === null || !("rows" in result) || !Array.isArray(result.rows)) {
        throw new Error("The database driver answered without rows");
      }
      return { rows: result.rows };
    },
  };
  return fromDrizzle(transaction, sql);
}

/**
 * Creates a queue, or brings its options up to date. Several instances may start at once: a queue that
 * appeared meanwhile is updated instead. A queue's policy is fixed when it is created (pg-boss cannot change it).
 */
export async function ensureQueue(
  jobs: JobQueue,
  name: string,
  options: QueueOptions & {
    /** A job sent wakes listening workers at once (pg-boss NOTIFY). */
    notify?: boolean;
    /** How many jobs may be queued and active at once (e.g. `stately`: one of each, across every instance). */
    policy?: QueuePolicy;
  },
): Promise<void> {
  const { policy, ...updatable } = options;
  if (await jobs.getQueue(name)) {
    await jobs.updateQueue(name, updatable);
    return;
  }
  try {
    await jobs.createQueue(name, options);
  } catch (error) {
    if (!(await jobs.getQueue(name))) throw error;
    await jobs.updateQueue(name, updatable);
  }
}
