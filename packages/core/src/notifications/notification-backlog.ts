import { type Database, type JobQueue, notifications } from "@bookable/db";
import type { NotificationBacklogOutput } from "@bookable/validators";
import { eq } from "drizzle-orm";
import { toNotificationOutput } from "./delivery-log.js";
import { NOTIFICATION_QUEUE } from "./notification-outbox.js";
import { type NotificationPriorityName, priorityNameOf } from "./notification-priority.js";

/** The queue's state as counted from pg-boss's job table: due jobs by priority, and the oldest due one. */
export interface NotificationQueueDepth {
  due: Record<NotificationPriorityName, number>;
  scheduled: number;
  inFlight: number;
  /** The oldest due job's message and since when it is due (its time came, or its retry backoff ended). */
  oldestDue: { notificationId: string; dueSince: Date } | null;
}

// pg-boss keeps jobs in `pgboss.job` (its default schema, which startJobQueue keeps): created and retry jobs
// wait, active ones are in a worker's hands; a waiting job is due once start_after has passed. Read on the
// job table rather than the delivery log because the queue alone knows when a retry's backoff ends.
const DEPTH_SQL = `
  SELECT priority,
         count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now())::int AS due,
         count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after > now())::int AS scheduled,
         count(*) FILTER (WHERE state = 'active')::int AS in_flight
    FROM pgboss.job
   WHERE name = $1 AND state IN ('created', 'retry', 'active')
   GROUP BY priority`;
const OLDEST_DUE_SQL = `
  SELECT data->>'notificationId' AS notification_id, start_after
    FROM pgboss.job
   WHERE name = $1 AND state IN ('created', 'retry') AND start_after <= now()
   ORDER BY start_after
   LIMIT 1`;

/** Counts the notification queue (for /metrics and the admin's delivery log). */
export async function readNotificationQueueDepth(jobs: JobQueue): Promise<NotificationQueueDepth> {
  const database = jobs.getDb();
  const [depth, oldest] = await Promise.all([
    database.executeSql(DEPTH_SQL, [NOTIFICATION_QUEUE]),
    database.executeSql(OLDEST_DUE_SQL, [NOTIFICATION_QUEUE]),
  ]);
  const result: NotificationQueueDepth = { due: { urgent: 0, normal: 0, bulk: 0 }, scheduled: 0, inFlight: 0, oldestDue: null };
  for (const row of depth.rows as { priority: number; due: number; scheduled: number; in_flight: number }[]) {
    result.due[priorityNameOf(Number(row.priority))] += Number(row.due);
    result.scheduled += Number(row.scheduled);
    result.inFlight += Number(row.in_flight);
  }
  const [first] = oldest.rows as { notification_id: string | null; start_after: Date | string }[];
  if (first?.notification_id) result.oldestDue = { notificationId: first.notification_id, dueSince: new Date(first.start_after) };
  return result;
}

/** The backlog for the admin's delivery log: the queue's depth and the message that has waited longest. */
export async function readNotificationBacklog(
  db: Database,
  jobs: JobQueue,
  now = new Date(),
): Promise<NotificationBacklogOutput> {
  const depth = await readNotificationQueueDepth(jobs);
  let oldestDue: NotificationBacklogOutput["oldestDue"] = null;
  if (depth.oldestDue) {
    const [row] = await db.select().from(notifications).where(eq(notifications.id, depth.oldestDue.notificationId));
    if (row) {
      oldestDue = {
        notification: toNotificationOutput(row),
        dueSince: depth.oldestDue.dueSince.toISOString(),
        waitingSeconds: Math.max(0, (now.getTime() - depth.oldestDue.dueSince.getTime()) / 1000),
      };
    }
  }
  return { due: depth.due, scheduled: depth.scheduled, inFlight: depth.inFlight, oldestDue };
}
