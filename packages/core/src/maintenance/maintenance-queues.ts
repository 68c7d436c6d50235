import { ensureQueue, type JobQueue } from "@bookable/db";

/** The payments sweep: released holds, closed checkouts, pending refunds (PAYMENTS_SWEEP_SECONDS). */
export const PAYMENTS_SWEEP_QUEUE = "payments-sweep";
/** Every retention prune, one job after the other (RETENTION_DAYS_*). */
export const RETENTION_PRUNE_QUEUE = "retention-prune";
/**
 * Hourly, at minute 7 (off the hour, when other people's cron jobs crowd the database). Small, frequent runs
 * keep each one short; an idempotency key lives 24 hours, so it is gone within 25.
 */
export const RETENTION_PRUNE_CRON = "7 * * * *";

// A sweep still running after this long is taken for lost (its worker died) and the next may start. Each of
// its steps is idempotent, so a slow one overtaken by the next does no harm, only double work.
const SWEEP_EXPIRE_SECONDS = 300;
// A prune of a large backlog takes its batches one by one; an hour is the next run's turn anyway.
const PRUNE_EXPIRE_SECONDS = 3600;

/**
 * Creates the maintenance queues and the prune's cron schedule, or brings them up to date. Both queues are
 * `stately` (pg-boss: at most one job queued and one active per queue across every instance), which is what
 * makes them run one at a time however many workers there are, and keeps a slow run from piling jobs up.
 */
export async function prepareMaintenanceQueues(jobs: JobQueue): Promise<void> {
  await ensureQueue(jobs, PAYMENTS_SWEEP_QUEUE, {
    policy: "stately",
    // The next interval is the retry: a failed sweep is not repeated at once.
    retryLimit: 0,
    expireInSeconds: SWEEP_EXPIRE_SECONDS,
    // A finished sweep stays an hour, for inspection: at the default interval that is 360 rows, not pg-boss's
    // default week of 60,000.
    deleteAfterSeconds: 3600,
    notify: true,
  });
  await ensureQueue(jobs, RETENTION_PRUNE_QUEUE, {
    policy: "stately",
    retryLimit: 2,
    retryDelay: 300,
    expireInSeconds: PRUNE_EXPIRE_SECONDS,
    notify: true,
  });
  // One schedule row (upserted by name and key), whichever instance writes it; `once` makes up for an
  // occurrence missed while no worker ran (a deploy) with a single job instead of skipping it.
  await jobs.schedule(RETENTION_PRUNE_QUEUE, RETENTION_PRUNE_CRON, null, { tz: "UTC", missed: "once" });
}
