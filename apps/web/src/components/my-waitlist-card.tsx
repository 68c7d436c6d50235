import type { WaitlistEntryOutput } from "@bookable/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { formatDateTime } from "../lib/format-date-time.js";
import { formatDateTimeRange } from "../lib/format-date-time-range.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Button } from "./button.js";
import { ButtonLink } from "./button-link.js";
import { LoadingState } from "./loading-state.js";
import { ServerErrorAlert } from "./server-error-alert.js";

const statusText: Record<WaitlistEntryOutput["status"], string> = {
  waiting: "Waiting",
  offered: "A seat is held for you",
  accepted: "Accepted",
  lapsed: "Offer ran out",
  left: "Left",
};

/** My places on waitlists (issue 15): the position in each line, and a held seat's link to take it. */
export function MyWaitlistCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const entries = useQuery(trpc.waitlist.mine.queryOptions({}));
  const leave = useMutation(
    trpc.waitlist.leave.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.waitlist.mine.pathFilter()),
    }),
  );

  if (entries.isPending) return <LoadingState label="Loading your waitlist places…" />;
  if (entries.isError) {
    return (
      <ServerErrorAlert
        title="We couldn't load your waitlist places"
        error={readServerError(entries.error)}
        onRetry={() => void entries.refetch()}
      />
    );
  }
  // An offer that ran out stays listed until the slot is over, so the person learns why the seat went on.
  const live = entries.data.items.filter(
    (entry) => entry.status === "waiting" || entry.status === "offered" || entry.status === "lapsed",
  );
  // Nothing to show is the usual case: the section stays out of the way.
  if (live.length === 0) return null;
  return (
    <section aria-labelledby="my-waitlist-heading" className="mb-8 rounded-2xl border border-stone-200 bg-white p-6 shadow-sm">
      <h2 id="my-waitlist-heading" className="text-lg font-semibold text-stone-900">
        Waitlist
      </h2>
      {leave.isError ? (
        <ServerErrorAlert className="mt-3" title="We couldn't take you off the waitlist" error={readServerError(leave.error)} />
      ) : null}
      <ul className="mt-3 flex flex-col divide-y divide-stone-200">
        {live.map((entry) => (
          <li key={entry.id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
            <div>
              <p className="font-medium text-stone-900">{entry.resourceName}</p>
              <p className="text-sm text-stone-600">{formatDateTimeRange(entry.start, entry.end)}</p>
              <p className="text-sm text-stone-700">
                {entry.status === "waiting"
                  ? `Number ${entry.position ?? "?"} in line`
                  : entry.status === "lapsed"
                    ? "The seat held for you was not taken in time and went to the next in line."
                    : `${statusText[entry.status]}${entry.offerExpiresAt ? ` until ${formatDateTime(entry.offerExpiresAt, "time")}` : ""}`}
              </p>
            </div>
            <div className="flex gap-2">
              {entry.status === "offered" && entry.bookingId ? (
                <ButtonLink to={`/bookings/${entry.bookingId}`}>Take the seat</ButtonLink>
              ) : null}
              {entry.status === "lapsed" ? null : (
                <Button
                  variant="secondary"
                  isPending={leave.isPending && leave.variables?.id === entry.id}
                  onPress={() => leave.mutate({ id: entry.id })}
                >
                  Leave
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
