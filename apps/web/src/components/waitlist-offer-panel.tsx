import type { BookingOutput } from "@bookable/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { formatDateTime } from "../lib/format-date-time.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Button } from "./button.js";
import { ServerErrorAlert } from "./server-error-alert.js";

/**
 * On the booking page of a waitlist offer (issue 15): the seat held for the booker, until when, and for a
 * free resource the button that takes it (a priced one is taken by paying, as the page below offers).
 */
export function WaitlistOfferPanel({ booking }: { booking: BookingOutput }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const entries = useQuery({ ...trpc.waitlist.mine.queryOptions({}), enabled: booking.status === "held" });
  const accept = useMutation(
    trpc.waitlist.accept.mutationOptions({
      async onSuccess(accepted) {
        queryClient.setQueryData(trpc.bookings.get.queryKey({ id: accepted.id }), accepted);
        await Promise.all([
          queryClient.invalidateQueries(trpc.waitlist.mine.pathFilter()),
          queryClient.invalidateQueries(trpc.bookings.get.queryFilter({ id: accepted.id })),
          queryClient.invalidateQueries(trpc.bookings.list.pathFilter()),
        ]);
      },
    }),
  );
  const offer = entries.data?.items.find((entry) => entry.bookingId === booking.id && entry.status === "offered");
  if (!offer || booking.status !== "held") return null;
  const until = offer.offerExpiresAt ? formatDateTime(offer.offerExpiresAt, "time") : null;
  return (
    <section
      aria-labelledby="waitlist-offer-heading"
      className="mb-6 rounded-2xl border border-accent-200 bg-accent-50 p-6 text-accent-950 shadow-sm"
    >
      <h2 id="waitlist-offer-heading" className="text-lg font-semibold">
        A seat came free for you
      </h2>
      <p className="mt-1 text-sm">
        You were on the waitlist, and this seat is held for you{until ? ` until ${until}` : ""}.{" "}
        {booking.payment
          ? "Pay for it below to make it yours."
          : "Accept it to make it yours; otherwise it goes to the next in line."}
      </p>
      {accept.isError ? (
        <ServerErrorAlert className="mt-3" title="We couldn't accept the offer" error={readServerError(accept.error)} />
      ) : null}
      {booking.payment ? null : (
        <Button
          className="mt-4"
          isPending={accept.isPending}
          pendingLabel="Accepting…"
          onPress={() => accept.mutate({ id: offer.id })}
        >
          Accept the seat
        </Button>
      )}
    </section>
  );
}
