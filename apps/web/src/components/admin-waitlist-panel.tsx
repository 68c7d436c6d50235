import type { WaitlistEntryOutput } from "@bookable/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { formatDateTime } from "../lib/format-date-time.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Button } from "./button.js";
import { LoadingState } from "./loading-state.js";
import { ServerErrorAlert } from "./server-error-alert.js";

const statusText: Record<WaitlistEntryOutput["status"], string> = {
  waiting: "Waiting",
  offered: "Offered",
  accepted: "Accepted",
  lapsed: "Lapsed",
  left: "Left",
};

/**
 * A resource's waitlists for admins (issue 15), on the bookings page once a resource is chosen: who waits for
 * which slot, in line order, with offers and their end, and a button to take someone off the list (an open
 * offer then goes to the next in line).
 */
export function AdminWaitlistPanel({ resourceId }: { resourceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const waitlist = useQuery(trpc.waitlist.list.queryOptions({ resourceId }));
  const remove = useMutation(
    trpc.waitlist.remove.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.waitlist.list.pathFilter()),
          queryClient.invalidateQueries(trpc.bookings.listAll.pathFilter()),
        ]),
    }),
  );

  let content: ReactNode;
  if (waitlist.isPending) content = <LoadingState label="Loading the waitlist…" />;
  else if (waitlist.isError)
    content = (
      <ServerErrorAlert
        title="We couldn't load the waitlist"
        error={readServerError(waitlist.error)}
        onRetry={() => void waitlist.refetch()}
      />
    );
  else if (waitlist.data.items.length === 0)
    content = <p className="text-sm text-stone-600">Nobody is waiting for this resource.</p>;
  else
    content = (
      <ul className="flex flex-col divide-y divide-stone-100">
        {waitlist.data.items.map((entry) => (
          <li key={entry.id} className="flex flex-col gap-2 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
            <div>
              <p className="font-medium text-stone-900">
                {formatDateTime(entry.start, "dateTime")} · {entry.attendee.name}{" "}
                <span className="font-normal text-stone-600">({entry.attendee.email})</span>
              </p>
              <p className="text-stone-700">
                {statusText[entry.status]}
                {entry.position !== null ? `, number ${entry.position} in line` : ""}
                {entry.status === "offered" && entry.offerExpiresAt
                  ? ` until ${formatDateTime(entry.offerExpiresAt, "time")}`
                  : ""}
              </p>
            </div>
            {entry.status === "waiting" || entry.status === "offered" ? (
              <Button
                variant="secondary"
                isPending={remove.isPending && remove.variables?.id === entry.id}
                onPress={() => remove.mutate({ id: entry.id })}
              >
                Remove<span className="sr-only"> {entry.attendee.name} from the waitlist</span>
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    );

  return (
    <section aria-labelledby="admin-waitlist-heading" className="rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
      <h2 id="admin-waitlist-heading" className="mb-3 text-lg font-semibold text-stone-900">
        Waitlist
      </h2>
      {remove.isError ? (
        <ServerErrorAlert className="mb-3" title="We couldn't remove them" error={readServerError(remove.error)} />
      ) : null}
      {content}
    </section>
  );
}
