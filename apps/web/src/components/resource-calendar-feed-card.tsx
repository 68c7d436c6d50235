import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Button } from "./button.js";
import { CalendarFeedActions } from "./calendar-feed-actions.js";
import { CalendarFeedLink } from "./calendar-feed-link.js";
import { Card } from "./card.js";
import { LoadingState } from "./loading-state.js";
import { ServerErrorAlert } from "./server-error-alert.js";

export interface ResourceCalendarFeedCardProps {
  resourceId: string;
}

/**
 * An admin's feed of every booking of this resource (issue 16). The link is made with the admin's own resource
 * feed token, so regenerating or turning it off changes the admin's links for every resource, and it stops
 * working if they stop being an admin.
 */
export function ResourceCalendarFeedCard({ resourceId }: ResourceCalendarFeedCardProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feed = useQuery(trpc.calendarFeeds.getForResource.queryOptions({ id: resourceId }));
  // Every resource's link changes with the token, not just this one's.
  const refresh = () => queryClient.invalidateQueries(trpc.calendarFeeds.getForResource.pathFilter());
  const regenerate = useMutation(trpc.calendarFeeds.regenerateForResources.mutationOptions({ onSettled: refresh }));
  const revoke = useMutation(trpc.calendarFeeds.revokeForResources.mutationOptions({ onSettled: refresh }));
  const actionError = regenerate.error ?? revoke.error;

  let body: ReactNode;
  if (feed.isPending) {
    body = <LoadingState label="Loading the calendar feed…" />;
  } else if (feed.isError) {
    body = (
      <ServerErrorAlert
        title="We couldn't load the calendar feed"
        error={readServerError(feed.error)}
        onRetry={() => void feed.refetch()}
      />
    );
  } else if (!feed.data.feed) {
    body = (
      <div className="flex flex-col items-start gap-3">
        <p className="text-sm text-stone-600">You have no resource feed links yet.</p>
        <Button onPress={() => regenerate.mutate()} isPending={regenerate.isPending} pendingLabel="Creating…">
          Create feed links
        </Button>
      </div>
    );
  } else {
    body = (
      <div className="flex flex-col gap-4">
        <CalendarFeedLink feed={feed.data.feed} label="Resource feed address" />
        <p className="text-sm text-stone-500">
          Anyone with this link can see who booked this resource. It is yours: other admins have their own.
        </p>
        <CalendarFeedActions
          subject="your feed links for every resource"
          regenerating={regenerate.isPending}
          revoking={revoke.isPending}
          onRegenerate={() => regenerate.mutateAsync()}
          onRevoke={() => revoke.mutateAsync()}
        />
      </div>
    );
  }

  return (
    <Card title="Calendar feed" description="Every booking of this resource, in your calendar app.">
      <div className="flex flex-col gap-4">
        {body}
        {actionError ? (
          <ServerErrorAlert title="We couldn't change your feed links" error={readServerError(actionError)} />
        ) : null}
      </div>
    </Card>
  );
}
