import type { JobQueue } from "@bookable/db";
import type { ServiceLog } from "../service-log.js";
import { PAYMENTS_SWEEP_QUEUE, RETENTION_PRUNE_QUEUE } from "./maintenance-queues.js";

/** What the scheduled jobs do; maintenanceTasks builds the real ones, tests pass their own. */
export interface MaintenanceTasks {
  sweepPayments(): Promise<void>;
  pruneExpiredRows(): Promise<void>;
}

export interface MaintenanceWorkerOptions {
  /** PAYMENTS_SWEEP_SECONDS: at most one sweep is sent per interval, across every worker. */
  sweepIntervalSeconds: number;
  /** How often an idle worker looks for a job without being woken (QUEUE_POLLING_SECONDS). */
  pollingIntervalSeconds: number;
  /** Where a failed request for a sweep is reported (the database away for a moment). */
  log?: ServiceLog;
}

/**
 * Works the maintenance queues in this process (issue 14) and asks for payments sweeps. The retention prune
 * comes from pg-boss's cron schedule. The sweep runs more often than cron's one minute allows, so every worker
 * sends a sweep job each interval with `singletonSeconds` set to it: pg-boss keeps one job per interval slot,
 * whoever sent it, and the queue's `stately` policy runs it on one worker at a time. A worker that dies
 * stops nothing: the others keep asking. Returns the function that stops asking (the host stops the queue).
 */
export async function startMaintenanceWorker(
  jobs: JobQueue,
  tasks: MaintenanceTasks,
  options: MaintenanceWorkerOptions,
): Promise<() => void> {
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds, batchSize: 1, localConcurrency: 1 };
  await jobs.work(PAYMENTS_SWEEP_QUEUE, polling, () => tasks.sweepPayments());
  await jobs.work(RETENTION_PRUNE_QUEUE, polling, () => tasks.pruneExpiredRows());
  const askForSweep = () => {
    jobs.send(PAYMENTS_SWEEP_QUEUE, {}, { singletonSeconds: options.sweepIntervalSeconds }).catch((error: unknown) => {
      options.log?.warn({ err: error }, "could not ask for a payments sweep; asking again at the next interval");
    });
  };
  // Like the setInterval it replaces, the first sweep comes one interval after start.
  const timer = setInterval(askForSweep, options.sweepIntervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
