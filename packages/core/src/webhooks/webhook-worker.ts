import { ensureQueue, type Job } from "@bookable/db";
import { deliverWebhook } from "./deliver-webhook.js";
import type { WebhookDeliveryDependencies } from "./webhook-delivery-dependencies.js";
import { WEBHOOK_QUEUE, type WebhookJob } from "./webhook-outbox.js";

export interface WebhookQueueSettings {
  /** Seconds a job may run before it counts as lost (a killed worker) and runs again; above the request timeout. */
  jobTimeoutSeconds: number;
}

/**
 * Creates the webhook queue, or brings its settings up to date. Retries after a failed attempt are new jobs
 * due at the backoff's time (deliver-webhook.ts); pg-boss's own retries only bring back a job whose worker
 * died or whose handler threw (the database away), after a short wait.
 */
export async function prepareWebhookQueue(
  jobs: WebhookDeliveryDependencies["jobs"],
  settings: WebhookQueueSettings,
): Promise<void> {
  await ensureQueue(jobs, WEBHOOK_QUEUE, {
    retryLimit: 5,
    retryDelay: 1,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: settings.jobTimeoutSeconds,
    notify: true,
  });
}

export interface WebhookWorkerOptions {
  pollingIntervalSeconds: number;
  /** Deliveries this process sends at once (WEBHOOK_CONCURRENCY). */
  concurrency: number;
}

/**
 * Works the webhook queue in this process. A booking's events to one endpoint are one job group and the
 * workers together hold at most one job of a group, so they go out one at a time; an event fetched while an
 * earlier one of its booking still waits for a retry is put back (deliver-webhook.ts), so order holds across
 * retries too.
 */
export async function startWebhookWorker(deps: WebhookDeliveryDependencies, options: WebhookWorkerOptions): Promise<string> {
  return deps.jobs.work<WebhookJob>(
    WEBHOOK_QUEUE,
    {
      batchSize: 1,
      localConcurrency: options.concurrency,
      groupConcurrency: 1,
      pollingIntervalSeconds: options.pollingIntervalSeconds,
      notifyPollingIntervalSeconds: options.pollingIntervalSeconds,
    },
    async ([job]: Job<WebhookJob>[]) => {
      if (!job) return;
      await deliverWebhook(deps, job.data.deliveryId);
    },
  );
}
