import { type DeliveryMetrics, notificationPriorityName, readNotificationQueueDepth } from "@bookable/core";
import type { JobQueue } from "@bookable/db";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/**
 * The notification queue's health for /metrics (issue 13): how many messages are due by priority and how long
 * the oldest has waited (read from the queue at each scrape), and, counted by the workers of this process,
 * the time from due to delivered and the providers' errors by code. Made once per process with its services,
 * before the workers start; the metrics plugin (or the worker's own metrics listener) registers it.
 */
export class NotificationMetrics implements DeliveryMetrics {
  readonly #latency = new Histogram({
    name: "bookable_notification_delivery_seconds",
    help: "Time from a message being due (enqueued, or its reminder time) to the provider accepting it, by priority and channel",
    labelNames: ["priority", "channel"] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800],
    registers: [],
  });
  readonly #providerErrors = new Counter({
    name: "bookable_notification_provider_errors_total",
    help: "Sends a provider refused or that could not reach it, by channel and the provider's code (or HTTP status, or unreachable)",
    labelNames: ["channel", "code"] as const,
    registers: [],
  });

  delivered(message: { channel: string; template: string }, seconds: number): void {
    this.#latency.observe({ priority: notificationPriorityName(message.template), channel: message.channel }, seconds);
  }

  providerError(channel: string, code: string): void {
    this.#providerErrors.inc({ channel, code: code.slice(0, 40) });
  }

  /** Adds these metrics, and the queue's depth read through `jobs`, to a registry. */
  register(registry: Registry, jobs: JobQueue): void {
    registry.registerMetric(this.#latency);
    registry.registerMetric(this.#providerErrors);
    // Both gauges come from one read of the queue per scrape.
    let reading: Promise<Awaited<ReturnType<typeof readNotificationQueueDepth>>> | null = null;
    const read = () => {
      reading ??= readNotificationQueueDepth(jobs).finally(() => {
        setTimeout(() => {
          reading = null;
        }, 100).unref();
      });
      return reading;
    };
    new Gauge({
      name: "bookable_notification_queue_due",
      help: "Messages due and waiting for a worker, by priority (urgent: confirmations, payment requests, security mail; normal: cancellations, refunds; bulk: reminders)",
      labelNames: ["priority"] as const,
      registers: [registry],
      // Every process reads the same queue: summed over a cluster's workers it would count each job N times.
      aggregator: "first",
      async collect() {
        const depth = await read();
        for (const [priority, count] of Object.entries(depth.due)) this.set({ priority }, count);
      },
    });
    new Gauge({
      name: "bookable_notification_queue_oldest_due_seconds",
      help: "How long the oldest due message has waited for a worker (0 when nothing is due)",
      registers: [registry],
      aggregator: "first",
      async collect() {
        const depth = await read();
        this.set(depth.oldestDue ? Math.max(0, (Date.now() - depth.oldestDue.dueSince.getTime()) / 1000) : 0);
      },
    });
  }
}
