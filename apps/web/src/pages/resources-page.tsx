import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { EmptyState } from "../components/empty-state.js";
import { LoadingState } from "../components/loading-state.js";
import { PageHeading } from "../components/page-heading.js";
import { ResourceCard } from "../components/resource-card.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { WidePage } from "../components/wide-page.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";

/** Everything that can be booked right now (archived resources are the server's to leave out). */
export function ResourcesPage() {
  const trpc = useTRPC();
  const resources = useQuery(trpc.resources.list.queryOptions({}));

  let content: ReactNode;
  if (resources.isPending) {
    content = <LoadingState label="Loading what you can book…" />;
  } else if (resources.isError) {
    content = (
      <ServerErrorAlert
        title="We couldn't load the resources"
        error={readServerError(resources.error)}
        onRetry={() => void resources.refetch()}
      />
    );
  } else if (resources.data.items.length === 0) {
    content = (
      <EmptyState title="Nothing to book yet">
        <p>Once an administrator adds rooms, equipment or appointments, they appear here.</p>
      </EmptyState>
    );
  } else {
    content = (
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Resources">
        {resources.data.items.map((resource) => (
          <li key={resource.id}>
            <ResourceCard resource={resource} />
          </li>
        ))}
      </ul>
    );
  }

  return (
    <WidePage>
      <title>Book · Bookable</title>
      <PageHeading title="Book a resource" description="Pick what you need, then a free time." />
      {content}
    </WidePage>
  );
}
