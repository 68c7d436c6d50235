import { ensureQueue, type JobQueue } from "@bookable/db";
import { deliverNotification } from "./deliver-notification.js";
import type { DeliveryDependencies } from "./notification-dependencies.js";
import { NOTIFICATION_QUEUE, type NotificationJob } from "./notification-outbox.js";

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
  });
}

/** Works the notification queue in this process: one message at a time per worker. Returns the worker's id. */
export function startNotificationWorker(jobs: JobQueue, deps: DeliveryDependencies, options: { pollingIntervalSeconds: number }) {
  return jobs.work<NotificationJob>(
    NOTIFICATION_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds },
    async ([job]) => {
      if (job) await deliverNotification(deps, job.data.notificationId);
    },
  );
}
