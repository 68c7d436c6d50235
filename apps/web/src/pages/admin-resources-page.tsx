import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { AdminNav } from "../components/admin-nav.js";
import { AdminOnly } from "../components/admin-only.js";
import { Badge } from "../components/badge.js";
import { ButtonLink } from "../components/button-link.js";
import { EmptyState } from "../components/empty-state.js";
import { LoadingState } from "../components/loading-state.js";
import { PageHeading } from "../components/page-heading.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { TextLink } from "../components/text-link.js";
import { WidePage } from "../components/wide-page.js";
import { formatMinutes } from "../lib/format-minutes.js";
import { formatPrice } from "../lib/format-price.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";

/** Every resource, archived ones too, with the way to add one and to edit each. */
export function AdminResourcesPage() {
  return (
    <AdminOnly title="Resources">
      {() => (
        <WidePage>
          <title>Resources · Admin · Bookable</title>
          <PageHeading
            title="Admin"
            description="Manage what people can book."
            actions={<ButtonLink to="/admin/resources/new">New resource</ButtonLink>}
          />
          <AdminNav />
          <ResourceTable />
        </WidePage>
      )}
    </AdminOnly>
  );
}

function ResourceTable() {
  const trpc = useTRPC();
  const resources = useQuery(trpc.resources.list.queryOptions({ includeArchived: "true" }));

  let content: ReactNode;
  if (resources.isPending) {
    content = <LoadingState label="Loading resources…" />;
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
      <EmptyState title="No resources yet" action={<ButtonLink to="/admin/resources/new">New resource</ButtonLink>}>
        <p>Add the first room, desk, piece of equipment or appointment type.</p>
      </EmptyState>
    );
  } else {
    content = (
      <div className="relative overflow-x-auto rounded-2xl border border-stone-200 bg-white shadow-sm">
        <table className="stacked-table w-full text-left text-sm">
          <caption className="sr-only">Resources</caption>
          <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Name
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Slot
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Capacity
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Price
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {resources.data.items.map((resource) => (
              <tr key={resource.id}>
                <th scope="row" className="px-4 py-3 font-medium text-stone-900">
                  {resource.name}
                  <span className="block font-mono text-xs font-normal text-stone-500">{resource.slug}</span>
                </th>
                <td data-label="Status" className="px-4 py-3">
                  {resource.status === "active" ? <Badge tone="success">Active</Badge> : <Badge>Archived</Badge>}
                </td>
                <td data-label="Slot" className="px-4 py-3 text-stone-700">
                  {formatMinutes(resource.slotMinutes)}
                </td>
                <td data-label="Capacity" className="px-4 py-3 text-stone-700">
                  {resource.capacity}
                </td>
                <td data-label="Price" className="px-4 py-3 text-stone-700">
                  {formatPrice(resource.price)}
                </td>
                <td className="px-4 py-3 text-right whitespace-nowrap">
                  <TextLink to={`/admin/resources/${resource.id}/edit`} aria-label={`Edit ${resource.name}`}>
                    Edit
                  </TextLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return content;
}
