import type { WebhookEndpointWithSecretOutput } from "@bookable/validators";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { EmptyState } from "./empty-state.js";
import { LoadingState } from "./loading-state.js";
import { ServerErrorAlert } from "./server-error-alert.js";
import { WebhookEndpointForm } from "./webhook-endpoint-form.js";
import { WebhookEndpointPanel } from "./webhook-endpoint-panel.js";
import { WebhookEndpointsTable } from "./webhook-endpoints-table.js";
import { WebhookSecretReveal } from "./webhook-secret-reveal.js";

interface RevealedSecret {
  url: string;
  secret: string;
  rotated: boolean;
}

/**
 * The endpoints the viewer may manage (an admin: all; a member: their own), the secret shown once after adding
 * or rotating, the chosen endpoint's actions and delivery log, and the form to add one.
 */
export function WebhookEndpointsManager({ viewerIsAdmin }: { viewerIsAdmin: boolean }) {
  const trpc = useTRPC();
  const endpoints = useQuery(trpc.webhookEndpoints.list.queryOptions({}));
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const reveal = (rotated: boolean) => (endpoint: WebhookEndpointWithSecretOutput) => {
    setRevealed({ url: endpoint.url, secret: endpoint.secret, rotated });
    setSelectedId(endpoint.id);
  };

  let list: ReactNode;
  if (endpoints.isPending) {
    list = <LoadingState label="Loading the endpoints…" />;
  } else if (endpoints.isError) {
    list = (
      <ServerErrorAlert
        title="We couldn't load the endpoints"
        error={readServerError(endpoints.error)}
        onRetry={() => void endpoints.refetch()}
      />
    );
  } else if (endpoints.data.items.length === 0) {
    list = (
      <EmptyState title="No webhook endpoints yet">
        <p>
          Add one below to have {viewerIsAdmin ? "bookings" : "your bookings"}, payments and waitlist offers sent to your systems.
        </p>
      </EmptyState>
    );
  } else {
    list = (
      <WebhookEndpointsTable
        endpoints={endpoints.data.items}
        selectedId={selectedId}
        onSelect={setSelectedId}
        viewerIsAdmin={viewerIsAdmin}
      />
    );
  }
  const selected = endpoints.data?.items.find((endpoint) => endpoint.id === selectedId);

  return (
    <div className="flex flex-col gap-8">
      {revealed ? <WebhookSecretReveal {...revealed} onDone={() => setRevealed(null)} /> : null}
      {list}
      {selected ? (
        <WebhookEndpointPanel
          key={selected.id}
          endpoint={selected}
          onRotated={reveal(true)}
          onDeleted={() => {
            setSelectedId(null);
            setRevealed(null);
          }}
        />
      ) : null}
      <WebhookEndpointForm onCreated={reveal(false)} />
    </div>
  );
}
