import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useLocation, useParams } from "react-router";
import { AdminOnly } from "../components/admin-only.js";
import { Alert } from "../components/alert.js";
import { Card } from "../components/card.js";
import { DateOverridesEditor } from "../components/date-overrides-editor.js";
import { LoadingState } from "../components/loading-state.js";
import { PageHeading } from "../components/page-heading.js";
import { ResourceCalendarFeedCard } from "../components/resource-calendar-feed-card.js";
import { ResourceEditorForm } from "../components/resource-editor-form.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { TextLink } from "../components/text-link.js";
import { WidePage } from "../components/wide-page.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";

/** Editing a resource: its settings and weekly hours, its date overrides, and the admin's calendar feed of its bookings. */
export function AdminEditResourcePage() {
  return <AdminOnly title="Edit resource">{() => <EditResource />}</AdminOnly>;
}

function EditResource() {
  const { id = "" } = useParams();
  const location = useLocation();
  const trpc = useTRPC();
  const resource = useQuery(trpc.resources.get.queryOptions({ id }));
  // Right after "Create resource" the new page says so; after a save here, this page does.
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;
  const [savedAt, setSavedAt] = useState<number | null>(null);

  return (
    <WidePage>
      <title>{`${resource.data ? `Edit ${resource.data.name}` : "Edit resource"} · Admin · Bookable`}</title>
      <p className="mb-3 text-sm">
        <TextLink to="/admin/resources">← All resources</TextLink>
      </p>
      {resource.isPending ? (
        <LoadingState label="Loading the resource…" />
      ) : resource.isError ? (
        <ServerErrorAlert
          title="We couldn't load the resource"
          error={readServerError(resource.error)}
          onRetry={() => void resource.refetch()}
        />
      ) : (
        <>
          <PageHeading
            title={`Edit ${resource.data.name}`}
            actions={<TextLink to={`/resources/${resource.data.id}`}>View booking page</TextLink>}
          />
          <div className="flex flex-col gap-6">
            {savedAt ? (
              <Alert key={savedAt} tone="success" title="Changes saved" />
            ) : justCreated ? (
              <Alert tone="success" title="Resource created">
                <p>People can book it now. Add holidays or special hours under Date overrides.</p>
              </Alert>
            ) : null}
            <Card>
              <ResourceEditorForm resource={resource.data} onSaved={() => setSavedAt(Date.now())} />
            </Card>
            <DateOverridesEditor resource={resource.data} />
            <ResourceCalendarFeedCard resourceId={resource.data.id} />
          </div>
        </>
      )}
    </WidePage>
  );
}
