import { ensureQueue, type Job, type JobQueue, type JobResult } from "@bookable/db";
import { deliverNotificationBatch } from "./deliver-notification-batch.js";
import type { DeliveryDependencies } from "./notification-dependencies.js";
import { NOTIFICATION_QUEUE, type NotificationJob } from "./notification-outbox.js";
import { NOTIFICATION_PRIORITIES } from "./notification-priority.js";

export interface NotificationQueueSettings {
  /** Attempts per message (our delivery log decides when a message is dead). */
  maxAttempts: number;
  /** Seconds before the first retry; pg-boss doubles it each time (with jitter). */
  retryDelaySeconds: number;
  /** Seconds a delivery may run before its job counts as lost (a killed worker) and is tried again. */
  jobTimeoutSeconds: number;
}

/** Creates the notification queue, or brings its retry settings up to date. */
export async function prepareNotificationQueue(jobs: JobQueue, settings: NotificationQueueSettings): Promise<void> {
  await ensureQueue(jobs, NOTIFICATION_QUEUE, {
    // A few more than the log's attempts: a worker killed mid-delivery uses up a pg-boss retry without
    // reaching the log, and the log, not pg-boss, decides when a message is dead.
    retryLimit: settings.maxAttempts + 2,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 6 * 3600,
    expireInSeconds: settings.jobTimeoutSeconds,
    // A job sent (in the enqueueing transaction) wakes the listening workers at once (issue 13): pg-boss's
    // NOTIFY, acted on by instances started with `listen`.
    notify: true,
  });
}

/**
 * A booking's messages to one recipient are one job group (enqueue-notification.ts), and the workers together
 * hold at most one job of a group: a cancellation is not fetched while its confirmation is being sent, and a
 * confirmation fetched after the cancellation finds the booking cancelled and is skipped
 * (deliver-notification.ts). So an attendee never gets "Confirmed" after "Cancelled". pg-boss tracks the
 * groups in its job table, across processes.
 */
export const ONE_MESSAGE_PER_CONVERSATION_AT_A_TIME = { groupConcurrency: 1 } as const;

export interface NotificationWorkerOptions {
  /** Seconds between looks for jobs that came due without a wake-up (reminders, retries). */
  pollingIntervalSeconds: number;
  /** Batches this process delivers at once (NOTIFY_CONCURRENCY); one more is kept for urgent messages. */
  concurrency: number;
  /** Jobs fetched together (NOTIFY_BATCH_SIZE); their emails go in one sendBatch call. */
  batchSize: number;
}

/**
 * Works the notification queue in this process (issue 13): `concurrency` loops each fetch a batch of due jobs,
 * highest priority first, and deliver it (deliverNotificationBatch); one more loop fetches urgent messages
 * only, so a backlog of reminders filling every other loop never holds a confirmation back. A loop whose
 * batch came back full fetches again at once; an idle one sleeps until a job is sent (NOTIFY) or the polling
 * interval passes. Several processes share the queue: pg-boss fetches with SKIP LOCKED, and a message's claim
 * in the delivery log lets only one of them send it. Returns the workers' ids.
 */
export async function startNotificationWorker(
  jobs: JobQueue,
  deps: DeliveryDependencies,
  options: NotificationWorkerOptions,
): Promise<string[]> {
  const handler = async (batch: Job<NotificationJob>[]): Promise<JobResult[]> => {
    const outcomes = await deliverNotificationBatch(
      deps,
      batch.map((job) => job.data.notificationId),
    );
    // Settled one by one: a failed message goes back for its backoff without the rest of its batch.
    return batch.map((job) => ({
      id: job.id,
      status: outcomes.get(job.data.notificationId) === "retry" ? "failed" : "completed",
    }));
  };
  const polling = {
    batchSize: options.batchSize,
    pollingIntervalSeconds: options.pollingIntervalSeconds,
    // With NOTIFY the poll is only the backstop, but it is also what finds reminders whose time came and
    // retries whose backoff ended (no NOTIFY for those), so it keeps the configured interval.
    notifyPollingIntervalSeconds: options.pollingIntervalSeconds,
    burstWhenBatchFull: true,
    perJobResults: true,
    ...ONE_MESSAGE_PER_CONVERSATION_AT_A_TIME,
  } as const;
  return Promise.all([
    jobs.work<NotificationJob>(NOTIFICATION_QUEUE, { ...polling, localConcurrency: options.concurrency }, handler),
    jobs.work<NotificationJob>(
      NOTIFICATION_QUEUE,
      { ...polling, localConcurrency: 1, minPriority: NOTIFICATION_PRIORITIES.urgent },
      handler,
    ),
  ]);
}
