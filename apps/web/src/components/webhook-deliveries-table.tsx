import type { WebhookDeliveryOutput } from "@bookable/validators";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { classNames } from "../lib/class-names.js";
import { describeWebhookEvent } from "../lib/describe-webhook-event.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Badge } from "./badge.js";
import { Button } from "./button.js";
import { LoadMoreFooter } from "./load-more-footer.js";
import { LoadingState } from "./loading-state.js";
import { ServerErrorAlert } from "./server-error-alert.js";

// What the row shows; the payload (as tRPC's JSON types it) is not among it.
type DeliveryRowData = Omit<WebhookDeliveryOutput, "payload">;

const PAGE_SIZE = 20;
// A pending delivery changes by itself (the worker tries it): look again until none is pending.
const REFRESH_MILLISECONDS = 3000;
const columns = ["Time", "Event", "Status", "Attempts", "Response", "Actions"] as const;
const cell = "px-2.5 py-3 align-top first:pl-4 last:pr-4";

const statusTone = { pending: "neutral", delivered: "success", failed: "danger" } as const;
const statusLabel = { pending: "Pending", delivered: "Delivered", failed: "Failed" } as const;

/** One endpoint's delivery log, newest first, with "Resend" on finished deliveries. */
export function WebhookDeliveriesTable({ endpointId, endpointEnabled }: { endpointId: string; endpointEnabled: boolean }) {
  const trpc = useTRPC();
  const deliveries = useInfiniteQuery(
    trpc.webhookEndpoints.deliveries.infiniteQueryOptions(
      { id: endpointId, limit: PAGE_SIZE },
      {
        getNextPageParam: (page) => page.nextCursor,
        refetchInterval: (query) =>
          query.state.data?.pages.some((page) => page.items.some((item) => item.status === "pending"))
            ? REFRESH_MILLISECONDS
            : false,
      },
    ),
  );

  if (deliveries.isPending) return <LoadingState label="Loading the delivery log…" />;
  if (deliveries.isLoadingError) {
    return (
      <ServerErrorAlert
        title="We couldn't load the delivery log"
        error={readServerError(deliveries.error)}
        onRetry={() => void deliveries.refetch()}
      />
    );
  }
  const items = deliveries.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return <p className="text-sm text-stone-500">No deliveries yet. Send a test event to try the endpoint.</p>;
  }
  return (
    <div className="flex flex-col gap-4">
      <div className="relative overflow-x-auto rounded-2xl border border-stone-200 bg-white">
        <table className="stacked-table w-full text-left text-sm">
          <caption className="sr-only">Delivery log, newest first</caption>
          <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
            <tr>
              {columns.map((heading) => (
                <th key={heading} scope="col" className="px-2.5 py-3 font-medium whitespace-nowrap first:pl-4 last:pr-4">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {items.map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} endpointEnabled={endpointEnabled} />
            ))}
          </tbody>
        </table>
      </div>
      <LoadMoreFooter query={deliveries} errorTitle="We couldn't load more deliveries" />
    </div>
  );
}

function DeliveryRow({ delivery, endpointEnabled }: { delivery: DeliveryRowData; endpointEnabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resend = useMutation(
    trpc.webhookEndpoints.resend.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.webhookEndpoints.deliveries.pathFilter()),
          queryClient.invalidateQueries(trpc.webhookEndpoints.list.queryFilter()),
        ]),
    }),
  );
  const label = describeWebhookEvent(delivery.eventType);
  const canResend = endpointEnabled && delivery.status !== "pending";
  return (
    <>
      <tr>
        <td data-label="Time" className={classNames(cell, "text-stone-900")}>
          <time dateTime={delivery.createdAt} className="whitespace-nowrap">
            {formatDateTime(delivery.createdAt, "dateTime")}
          </time>
        </td>
        <td data-label="Event" className={classNames(cell, "text-stone-700")}>
          <span className="block">{label}</span>
          <code className="font-mono text-xs text-stone-500">{delivery.eventType}</code>
        </td>
        <td data-label="Status" className={cell}>
          <Badge tone={statusTone[delivery.status]}>{statusLabel[delivery.status]}</Badge>
        </td>
        <td data-label="Attempts" className={classNames(cell, "text-stone-700 tabular-nums")}>
          {delivery.attempts}
        </td>
        <td data-label="Response" className={classNames(cell, "text-stone-700")}>
          {delivery.lastResponseStatus !== null ? (
            <span className="whitespace-nowrap">
              HTTP {delivery.lastResponseStatus}
              {delivery.lastResponseMs !== null ? ` in ${delivery.lastResponseMs} ms` : ""}
            </span>
          ) : delivery.lastError ? (
            <span className="block w-40 wrap-anywhere">{delivery.lastError}</span>
          ) : (
            <span className="text-stone-500">Not tried yet</span>
          )}
        </td>
        <td data-label="Actions" data-empty={canResend ? undefined : true} className={cell}>
          {canResend ? (
            <Button
              variant="secondary"
              className="h-8 px-3"
              aria-label={`Resend: ${label} of ${formatDateTime(delivery.createdAt, "dateTime")}`}
              onPress={() => resend.mutate({ id: delivery.endpointId, deliveryId: delivery.id })}
              isPending={resend.isPending}
              pendingLabel="Resending…"
            >
              Resend
            </Button>
          ) : (
            <span className="sr-only">None</span>
          )}
        </td>
      </tr>
      {resend.isError ? (
        <tr>
          <td colSpan={columns.length} className="px-4 pb-4">
            <ServerErrorAlert title="We couldn't resend this delivery" error={readServerError(resend.error)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
