import type { CalendarFeedOutput } from "@bookable/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Button } from "./button.js";
import { CalendarFeedActions } from "./calendar-feed-actions.js";
import { CalendarFeedLink } from "./calendar-feed-link.js";
import { Card } from "./card.js";
import { LoadingState } from "./loading-state.js";
import { RelativeTime } from "./relative-time.js";
import { ServerErrorAlert } from "./server-error-alert.js";

/**
 * The person's private calendar feed of their bookings (issue 16): a link calendar apps subscribe to, which
 * anyone holding it can read, so it can be replaced or turned off here.
 */
export function CalendarFeedCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feed = useQuery(trpc.calendarFeeds.get.queryOptions());
  const setFeed = (data: CalendarFeedOutput) => queryClient.setQueryData(trpc.calendarFeeds.get.queryKey(), data);
  const regenerate = useMutation(trpc.calendarFeeds.regenerate.mutationOptions({ onSuccess: setFeed }));
  const revoke = useMutation(trpc.calendarFeeds.revoke.mutationOptions({ onSuccess: setFeed }));
  const actionError = regenerate.error ?? revoke.error;

  let body: ReactNode;
  if (feed.isPending) {
    body = <LoadingState label="Loading your calendar feed…" />;
  } else if (feed.isError) {
    body = (
      <ServerErrorAlert
        title="We couldn't load your calendar feed"
        error={readServerError(feed.error)}
        onRetry={() => void feed.refetch()}
      />
    );
  } else if (!feed.data.feed) {
    body = (
      <div className="flex flex-col items-start gap-3">
        <p className="text-sm text-stone-600">You have no feed link yet.</p>
        <Button onPress={() => regenerate.mutate()} isPending={regenerate.isPending} pendingLabel="Creating…">
          Create feed link
        </Button>
      </div>
    );
  } else {
    body = (
      <div className="flex flex-col gap-4">
        <CalendarFeedLink feed={feed.data.feed} label="Feed address" />
        <p className="text-sm text-stone-500">
          Made <RelativeTime value={feed.data.feed.createdAt} />. Anyone with this link can see your bookings.
        </p>
        <CalendarFeedActions
          subject="your feed link"
          regenerating={regenerate.isPending}
          revoking={revoke.isPending}
          onRegenerate={() => regenerate.mutateAsync()}
          onRevoke={() => revoke.mutateAsync()}
        />
      </div>
    );
  }

  return (
    <Card
      title="Calendar feed"
      description="See your bookings in Google Calendar, Apple Calendar or Outlook. Calendars pick up new, moved and cancelled bookings when they next refresh."
    >
      <div className="flex flex-col gap-4">
        {body}
        {actionError ? <ServerErrorAlert title="We couldn't change your feed link" error={readServerError(actionError)} /> : null}
      </div>
    </Card>
  );
}
