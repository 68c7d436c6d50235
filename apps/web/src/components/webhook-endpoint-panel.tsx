import type { WebhookEndpointOutput, WebhookEndpointWithSecretOutput } from "@bookable/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Alert } from "./alert.js";
import { Button } from "./button.js";
import { Card } from "./card.js";
import { ServerErrorAlert } from "./server-error-alert.js";
import { WebhookDeliveriesTable } from "./webhook-deliveries-table.js";
import { WebhookEndpointStatusBadge } from "./webhook-endpoint-status-badge.js";

export interface WebhookEndpointPanelProps {
  endpoint: WebhookEndpointOutput;
  onRotated: (rotated: WebhookEndpointWithSecretOutput) => void;
  onDeleted: () => void;
}

/** One endpoint's actions (test, pause or resume, rotate, delete) and its delivery log. */
export function WebhookEndpointPanel({ endpoint, onRotated, onDeleted }: WebhookEndpointPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.webhookEndpoints.list.queryFilter()),
      queryClient.invalidateQueries(trpc.webhookEndpoints.deliveries.pathFilter()),
    ]);
  const sendTest = useMutation(trpc.webhookEndpoints.sendTest.mutationOptions({ onSettled: refresh }));
  const update = useMutation(trpc.webhookEndpoints.update.mutationOptions({ onSettled: refresh }));
  const rotate = useMutation(trpc.webhookEndpoints.rotateSecret.mutationOptions({ onSuccess: onRotated, onSettled: refresh }));
  const remove = useMutation(trpc.webhookEndpoints.delete.mutationOptions({ onSuccess: onDeleted, onSettled: refresh }));
  const failed = [
    { mutation: sendTest, title: "We couldn't send a test event" },
    { mutation: update, title: "We couldn't change the endpoint" },
    { mutation: rotate, title: "We couldn't rotate the secret" },
    { mutation: remove, title: "We couldn't delete the endpoint" },
  ].find(({ mutation }) => mutation.isError);
  const disabled = endpoint.status === "disabled";

  return (
    <Card
      aria-labelledby="webhook-endpoint-heading"
      title={
        <span id="webhook-endpoint-heading" className="break-all">
          {endpoint.url}
        </span>
      }
      description={endpoint.description ?? undefined}
    >
      <div className="flex flex-col gap-6">
        <div className="flex flex-wrap items-center gap-2">
          <WebhookEndpointStatusBadge status={endpoint.status} />
          {endpoint.previousSecretExpiresAt ? (
            <span className="text-sm text-stone-600">The previous secret also signs until its 24 hours are over.</span>
          ) : null}
        </div>
        {endpoint.status === "failing" ? (
          <Alert tone="error" title="Deliveries are failing">
            <p>Every attempt has failed recently. After five days of failures the endpoint is disabled and admins are emailed.</p>
          </Alert>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button
            onPress={() => sendTest.mutate({ id: endpoint.id })}
            isPending={sendTest.isPending}
            pendingLabel="Sending…"
            isDisabled={disabled}
          >
            Send test event
          </Button>
          <Button
            variant="secondary"
            onPress={() => update.mutate({ id: endpoint.id, disabled: !disabled })}
            isPending={update.isPending}
            pendingLabel={disabled ? "Enabling…" : "Disabling…"}
          >
            {disabled ? "Enable" : "Disable"}
          </Button>
          <Button
            variant="secondary"
            onPress={() => rotate.mutate({ id: endpoint.id })}
            isPending={rotate.isPending}
            pendingLabel="Rotating…"
          >
            Rotate secret
          </Button>
          {confirmingDelete ? null : (
            <Button variant="secondary" onPress={() => setConfirmingDelete(true)}>
              Delete
            </Button>
          )}
        </div>
        {sendTest.isSuccess && !sendTest.isPending ? (
          <p role="status" className="text-sm text-stone-600">
            Test event queued; it appears in the log below.
          </p>
        ) : null}
        {confirmingDelete ? (
          <div className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 sm:flex-row sm:items-center">
            <p className="flex-1">
              Delete this endpoint and its delivery log? Events not yet sent are dropped. This cannot be undone.
            </p>
            <div className="flex gap-2">
              <Button
                variant="danger"
                autoFocus
                onPress={() => remove.mutate({ id: endpoint.id })}
                isPending={remove.isPending}
                pendingLabel="Deleting…"
              >
                Delete endpoint
              </Button>
              <Button variant="secondary" onPress={() => setConfirmingDelete(false)} isDisabled={remove.isPending}>
                Cancel
              </Button>
            </div>
          </div>
        ) : null}
        {failed ? <ServerErrorAlert title={failed.title} error={readServerError(failed.mutation.error)} /> : null}
        <section aria-labelledby="webhook-deliveries-heading" className="flex flex-col gap-3">
          <h3 id="webhook-deliveries-heading" className="font-semibold text-stone-900">
            Delivery log
          </h3>
          <WebhookDeliveriesTable endpointId={endpoint.id} endpointEnabled={!disabled} />
        </section>
      </div>
    </Card>
  );
}
