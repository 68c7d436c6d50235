import type { ResourceOutput, UserOutput } from "@bookable/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { formatDateTimeRange } from "../lib/format-date-time-range.js";
import { readServerError } from "../lib/read-server-error.js";
import type { Slot } from "../lib/slot.js";
import { useTRPC } from "../lib/trpc.js";
import { viewerTimeZone } from "../lib/viewer-time-zone.js";
import { Button } from "./button.js";
import { Card } from "./card.js";
import { ServerErrorAlert } from "./server-error-alert.js";
import { TextLink } from "./text-link.js";

export interface JoinWaitlistCardProps {
  resource: ResourceOutput;
  /** The slot that turned out to be full. */
  slot: Slot;
  user: UserOutput;
}

/**
 * "This time is full — join the waitlist" (issue 15): offered after someone else took the slot. Joining puts
 * the account in line with its own name and email; the answer says the place in line.
 */
export function JoinWaitlistCard({ resource, slot, user }: JoinWaitlistCardProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const join = useMutation(
    trpc.waitlist.join.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.waitlist.mine.pathFilter()),
    }),
  );
  const when = formatDateTimeRange(slot.start, slot.end);
  const error = join.isError ? readServerError(join.error) : null;

  if (join.data) {
    return (
      <Card id="join-waitlist" role="status" title="You're on the waitlist" description={when}>
        <p className="text-stone-700">
          You are <strong>number {join.data.position ?? 1}</strong> in line. If a seat comes free, we hold it for you and email{" "}
          {join.data.attendee.email}.
        </p>
        <p className="mt-3 text-sm">
          <TextLink to="/bookings">See your bookings and waitlist places</TextLink>
        </p>
      </Card>
    );
  }
  return (
    <Card id="join-waitlist" title="This time is full — join the waitlist" description={when}>
      <p className="mb-4 text-sm text-stone-600">
        If someone cancels, the first in line gets the seat held for them for a while, and an email to take it.
      </p>
      {error ? (
        <ServerErrorAlert
          className="mb-4"
          title={error.code === "WAITLIST_SLOT_AVAILABLE" ? "A seat just came free" : "We couldn't add you to the waitlist"}
          error={error}
        />
      ) : null}
      <Button
        isPending={join.isPending}
        pendingLabel="Joining…"
        onPress={() =>
          join.mutate({
            id: resource.id,
            start: slot.start,
            attendee: { name: user.username, email: user.email, timeZone: viewerTimeZone() },
          })
        }
      >
        Join the waitlist
      </Button>
    </Card>
  );
}
