import type { NotificationBacklogOutput } from "@bookable/validators";
import { useQuery } from "@tanstack/react-query";
import { describeNotificationChannel, describeNotificationTemplate } from "../lib/describe-notification.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Card } from "./card.js";
import { LoadingState } from "./loading-state.js";
import { ServerErrorAlert } from "./server-error-alert.js";

// The backlog changes by itself as workers deliver and messages come due.
const REFRESH_MILLISECONDS = 5000;

/**
 * How far delivery is behind (issue 13): the messages due and waiting for a worker, by priority, and the one
 * that has waited longest. Shown above the delivery log.
 */
export function DeliveryBacklog() {
  const trpc = useTRPC();
  const backlog = useQuery(trpc.notifications.backlog.queryOptions(undefined, { refetchInterval: REFRESH_MILLISECONDS }));

  if (backlog.isPending) return <LoadingState label="Loading the queue…" />;
  if (backlog.isLoadingError) {
    return (
      <ServerErrorAlert
        title="We couldn't load the queue"
        error={readServerError(backlog.error)}
        onRetry={() => void backlog.refetch()}
      />
    );
  }
  return <BacklogSummary backlog={backlog.data} />;
}

function BacklogSummary({ backlog }: { backlog: NotificationBacklogOutput }) {
  const due = backlog.due.urgent + backlog.due.normal + backlog.due.bulk;
  const later =
    backlog.scheduled > 0 ? ` ${count(backlog.scheduled, "more message waits", "more messages wait")} for its time.` : "";
  return (
    <Card>
      <section aria-labelledby="delivery-backlog-heading" className="flex flex-col gap-2 text-sm text-stone-700">
        <h2 id="delivery-backlog-heading" className="font-medium text-stone-900">
          Queue
        </h2>
        {due === 0 ? (
          <p>
            Nothing is waiting: every message that is due has gone out
            {backlog.inFlight > 0 ? ` or is being sent (${backlog.inFlight})` : ""}.{later}
          </p>
        ) : (
          <>
            <p>
              <strong className="text-stone-900">{count(due, "message", "messages")} due and waiting</strong>:{" "}
              {backlog.due.urgent} urgent (confirmations, payment requests, account links), {backlog.due.normal} normal
              (cancellations, refunds), {backlog.due.bulk} bulk (reminders). Urgent ones are sent first.
              {backlog.inFlight > 0 ? ` ${backlog.inFlight} being sent.` : ""}
              {later}
            </p>
            {backlog.oldestDue ? (
              <p>
                Oldest due: {describeNotificationTemplate(backlog.oldestDue.notification.template)} (
                {describeNotificationChannel(backlog.oldestDue.notification.channel)}) to{" "}
                <span className="break-all">{backlog.oldestDue.notification.recipient}</span>, due since{" "}
                <time dateTime={backlog.oldestDue.dueSince}>{formatDateTime(backlog.oldestDue.dueSince, "dateTime")}</time> (
                {formatWait(backlog.oldestDue.waitingSeconds)}).
              </p>
            ) : null}
          </>
        )}
      </section>
    </Card>
  );
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "waiting 12 seconds", "waiting 3 minutes", "waiting 2 hours". */
function formatWait(seconds: number): string {
  if (seconds < 90) return `waiting ${count(Math.round(seconds), "second", "seconds")}`;
  if (seconds < 90 * 60) return `waiting ${count(Math.round(seconds / 60), "minute", "minutes")}`;
  return `waiting ${count(Math.round(seconds / 3600), "hour", "hours")}`;
}
