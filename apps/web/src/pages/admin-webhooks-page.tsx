import type { WebhookEndpointWithSecretOutput } from "@bookable/validators";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { AdminNav } from "../components/admin-nav.js";
import { AdminOnly } from "../components/admin-only.js";
import { EmptyState } from "../components/empty-state.js";
import { LoadingState } from "../components/loading-state.js";
import { PageHeading } from "../components/page-heading.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { TextLink } from "../components/text-link.js";
import { WebhookEndpointForm } from "../components/webhook-endpoint-form.js";
import { WebhookEndpointPanel } from "../components/webhook-endpoint-panel.js";
import { WebhookEndpointsTable } from "../components/webhook-endpoints-table.js";
import { WebhookSecretReveal } from "../components/webhook-secret-reveal.js";
import { WidePage } from "../components/wide-page.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";

interface RevealedSecret {
  url: string;
  secret: string;
  rotated: boolean;
}

/** Outgoing webhooks (issue 16): the endpoints, a secret shown once, test events and each endpoint's delivery log. */
export function AdminWebhooksPage() {
  return (
    <AdminOnly title="Webhooks">
      {() => (
        <WidePage>
          <title>Webhooks · Admin · Bookable</title>
          <PageHeading
            title="Admin"
            description={
              <>
                Webhooks tell your systems when bookings change, signed as{" "}
                <TextLink to="https://www.standardwebhooks.com/">Standard Webhooks</TextLink> specify. Times are in your time
                zone.
              </>
            }
          />
          <AdminNav />
          <Webhooks />
        </WidePage>
      )}
    </AdminOnly>
  );
}

function Webhooks() {
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
        <p>Add one below to have bookings, payments and waitlist offers sent to your systems.</p>
      </EmptyState>
    );
  } else {
    list = <WebhookEndpointsTable endpoints={endpoints.data.items} selectedId={selectedId} onSelect={setSelectedId} />;
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
