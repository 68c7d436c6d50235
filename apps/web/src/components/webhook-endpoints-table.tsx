import { type WebhookEndpointOutput, webhookEventType } from "@bookable/validators";
import { classNames } from "../lib/class-names.js";
import { describeWebhookEvent } from "../lib/describe-webhook-event.js";
import { Button } from "./button.js";
import { RelativeTime } from "./relative-time.js";
import { WebhookEndpointStatusBadge } from "./webhook-endpoint-status-badge.js";

const columns = ["Endpoint", "Events", "Status", "Last delivery", "Actions"] as const;
const deliveryStatusLabel = { pending: "Pending", delivered: "Delivered", failed: "Failed" } as const;
const cell = "px-2.5 py-3 align-top first:pl-4 last:pr-4";

export interface WebhookEndpointsTableProps {
  endpoints: readonly WebhookEndpointOutput[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** An admin sees members' endpoints too, marked as such. */
  viewerIsAdmin: boolean;
}

/** The endpoints, one row each; a row becomes a card below 40rem (`stacked-table`). */
export function WebhookEndpointsTable({ endpoints, selectedId, onSelect, viewerIsAdmin }: WebhookEndpointsTableProps) {
  return (
    <div className="relative overflow-x-auto rounded-2xl border border-stone-200 bg-white shadow-sm">
      <table className="stacked-table w-full text-left text-sm">
        <caption className="sr-only">Webhook endpoints</caption>
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
          {endpoints.map((endpoint) => (
            <tr key={endpoint.id} className={endpoint.id === selectedId ? "bg-accent-50/40" : undefined}>
              <td data-label="Endpoint" className={cell}>
                <span className="block min-w-40 font-medium break-all text-stone-900">{endpoint.url}</span>
                {endpoint.description ? <span className="block text-xs text-stone-500">{endpoint.description}</span> : null}
                {viewerIsAdmin && endpoint.scope === "own" ? (
                  <span className="block text-xs text-stone-500">A member's: their bookings only</span>
                ) : null}
              </td>
              <td data-label="Events" className={classNames(cell, "text-stone-700")}>
                {endpoint.eventTypes.length === webhookEventType.options.length ? (
                  "All events"
                ) : (
                  <ul className="flex flex-col gap-0.5">
                    {endpoint.eventTypes.map((type) => (
                      <li key={type} title={type}>
                        {describeWebhookEvent(type)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td data-label="Status" className={cell}>
                <WebhookEndpointStatusBadge status={endpoint.status} />
                {endpoint.disabledReason ? (
                  <span className="mt-1 block text-xs text-stone-500">{endpoint.disabledReason}</span>
                ) : null}
              </td>
              <td data-label="Last delivery" className={classNames(cell, "text-stone-700")}>
                {endpoint.lastDelivery ? (
                  <>
                    <span className="block">{describeWebhookEvent(endpoint.lastDelivery.eventType)}</span>
                    <span className="block text-xs text-stone-500">
                      {deliveryStatusLabel[endpoint.lastDelivery.status]}
                      {endpoint.lastDelivery.lastResponseStatus ? ` · HTTP ${endpoint.lastDelivery.lastResponseStatus}` : ""} ·{" "}
                      <RelativeTime value={endpoint.lastDelivery.createdAt} />
                    </span>
                  </>
                ) : (
                  <span className="text-stone-500">None yet</span>
                )}
              </td>
              <td data-label="Actions" className={cell}>
                <Button
                  variant="secondary"
                  className="h-8 px-3"
                  aria-label={`Manage ${endpoint.url}`}
                  aria-pressed={endpoint.id === selectedId}
                  onPress={() => onSelect(endpoint.id)}
                >
                  Manage
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
