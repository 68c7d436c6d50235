import type { BookingOutput } from "@bookable/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { classNames } from "../lib/class-names.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Button } from "./button.js";
import { ServerErrorAlert } from "./server-error-alert.js";

export interface CancelBookingControlProps {
  booking: BookingOutput;
  /** The first button's word: "Cancel" in a list row, "Cancel booking" on the booking's page. */
  triggerLabel: string;
  className?: string;
}

/**
 * Cancels a booking after a second, confirming press: a cancelled slot may be gone to someone else a
 * moment later, so one stray click must not do it. The freed slot shows up in the free times at once.
 */
export function CancelBookingControl({ booking, triggerLabel, className }: CancelBookingControlProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation(
    trpc.bookings.cancel.mutationOptions({
      async onSuccess(cancelled) {
        queryClient.setQueryData(trpc.bookings.get.queryKey({ id: cancelled.id }), cancelled);
        setConfirming(false);
        await Promise.all([
          queryClient.invalidateQueries(trpc.bookings.list.pathFilter()),
          queryClient.invalidateQueries(trpc.bookings.listAll.pathFilter()),
          queryClient.invalidateQueries(trpc.resources.availability.pathFilter()),
        ]);
      },
      onError() {
        // E.g. it started or was cancelled elsewhere meanwhile: show the booking as it now is.
        void queryClient.invalidateQueries(trpc.bookings.pathFilter());
      },
    }),
  );
  const when = formatDateTime(booking.start, "dateTime");

  return (
    <div className={classNames(confirming && "w-full basis-full", className)}>
      {confirming ? (
        <div className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 sm:flex-row sm:items-center">
          <p className="flex-1">
            Cancel your booking of {booking.resourceName} on {when}? The slot becomes free for others at once.
          </p>
          <div className="flex gap-2">
            {/* Focus moves here, since the button that was pressed is gone. */}
            <Button
              variant="danger"
              autoFocus
              onPress={() => cancel.mutate({ id: booking.id })}
              isPending={cancel.isPending}
              pendingLabel="Cancelling…"
            >
              Yes, cancel it
            </Button>
            <Button variant="secondary" onPress={() => setConfirming(false)} isDisabled={cancel.isPending}>
              Keep it
            </Button>
          </div>
        </div>
      ) : (
        <Button
          variant="secondary"
          aria-label={`${triggerLabel} ${booking.resourceName} on ${when}`}
          onPress={() => {
            cancel.reset();
            setConfirming(true);
          }}
        >
          {triggerLabel}
        </Button>
      )}
      {cancel.isError ? (
        <ServerErrorAlert title="We couldn't cancel the booking" error={readServerError(cancel.error)} className="mt-3" />
      ) : null}
    </div>
  );
}
