import type { BookingOutput } from "@bookable/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { classNames } from "../lib/class-names.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { readServerError } from "../lib/read-server-error.js";
import type { Slot } from "../lib/slot.js";
import { useTRPC } from "../lib/trpc.js";
import { Alert } from "./alert.js";
import { Button } from "./button.js";
import { LoadingState } from "./loading-state.js";
import { MonthSlotPicker } from "./month-slot-picker.js";
import { ServerErrorAlert } from "./server-error-alert.js";

export interface RescheduleBookingControlProps {
  booking: BookingOutput;
  className?: string;
}

/**
 * "Reschedule" on a booking's page (issue 15): opens the resource's month calendar, and moves the booking to the
 * chosen time after a confirming press. The server moves it whole or not at all; a time taken meanwhile is said so
 * and the free times are refreshed to pick again, and a time at another price is refused with the reason.
 */
export function RescheduleBookingControl({ booking, className }: RescheduleBookingControlProps) {
  const [open, setOpen] = useState(false);
  // After closing the picker the button comes back with the focus, which was inside the picker that is gone.
  const [reopened, setReopened] = useState(false);
  const [movedTo, setMovedTo] = useState<string | null>(null);

  return (
    <div className={classNames(open && "w-full basis-full", className)}>
      {open ? (
        <ReschedulePanel
          booking={booking}
          onClose={(moved) => {
            setOpen(false);
            setReopened(true);
            setMovedTo(moved?.start ?? null);
          }}
        />
      ) : (
        <div className="flex flex-col gap-2">
          <Button
            variant="secondary"
            aria-label={`Reschedule ${booking.resourceName} on ${formatDateTime(booking.start, "dateTime")}`}
            autoFocus={reopened}
            onPress={() => {
              setMovedTo(null);
              setOpen(true);
            }}
          >
            Reschedule
          </Button>
          {movedTo ? (
            <p role="status" className="text-sm text-stone-700">
              Moved to {formatDateTime(movedTo, "dateTime")}. We've emailed the new time.
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}

interface ReschedulePanelProps {
  booking: BookingOutput;
  /** Closed without a move, or after one (with the moved booking). */
  onClose: (moved: BookingOutput | null) => void;
}

function ReschedulePanel({ booking, onClose }: ReschedulePanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const resource = useQuery(trpc.resources.get.queryOptions({ id: booking.resourceId }));
  const [selected, setSelected] = useState<Slot | null>(null);
  const refreshFreeTimes = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.resources.availability.pathFilter()),
      queryClient.invalidateQueries(trpc.resources.availabilityDays.pathFilter()),
    ]);
  const move = useMutation(
    trpc.bookings.reschedule.mutationOptions({
      async onSuccess(moved) {
        queryClient.setQueryData(trpc.bookings.get.queryKey({ id: moved.id }), moved);
        onClose(moved);
        await Promise.all([
          queryClient.invalidateQueries(trpc.bookings.list.pathFilter()),
          queryClient.invalidateQueries(trpc.bookings.listAll.pathFilter()),
          refreshFreeTimes(),
        ]);
      },
      onError(error) {
        if (readServerError(error).code === "SLOT_TAKEN") {
          // Someone else took it: the chosen time is gone from the list, so nothing stays chosen.
          setSelected(null);
          void refreshFreeTimes();
        } else {
          // E.g. it started or was cancelled elsewhere meanwhile: show the booking as it now is.
          void queryClient.invalidateQueries(trpc.bookings.get.queryFilter({ id: booking.id }));
        }
      },
    }),
  );
  const error = move.isError ? readServerError(move.error) : null;
  const choose = (slot: Slot) => {
    setSelected(slot);
    move.reset();
  };

  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-lg font-semibold text-stone-900">
            Move this booking
          </h2>
          <p className="text-sm text-stone-600">
            Now {formatDateTime(booking.start, "dateTime")}. Pick a new time; nothing changes until you confirm.
          </p>
        </div>
        <Button variant="secondary" onPress={() => onClose(null)} isDisabled={move.isPending}>
          Keep the current time
        </Button>
      </div>

      {error?.code === "SLOT_TAKEN" ? (
        <Alert tone="error" title="Someone else just took that time">
          <p>Your booking is unchanged. We've refreshed the free times: please pick another.</p>
        </Alert>
      ) : error?.code === "RESCHEDULE_PRICE_DIFFERS" ? (
        <Alert tone="error" title="That time costs a different amount">
          <p>
            Your booking is unchanged. A paid booking can only move to a time at the price you booked it for; to take this time,
            cancel the booking and book the new time instead.
          </p>
        </Alert>
      ) : null}

      {resource.isPending ? (
        <LoadingState label="Loading the free times…" />
      ) : resource.isError ? (
        <ServerErrorAlert
          title="We couldn't load the free times"
          error={readServerError(resource.error)}
          onRetry={() => void resource.refetch()}
        />
      ) : (
        <MonthSlotPicker resource={resource.data} selectedStart={selected?.start ?? null} onSelect={choose} />
      )}

      {selected ? (
        <div className="flex flex-col gap-3 rounded-lg border border-accent-200 bg-accent-50 p-3 text-sm text-stone-900 sm:flex-row sm:items-center">
          <p className="flex-1">
            Move your booking from {formatDateTime(booking.start, "dateTime")} to{" "}
            <strong>{formatDateTime(selected.start, "dateTime")}</strong>?
          </p>
          <Button
            onPress={() => move.mutate({ id: booking.id, start: selected.start })}
            isPending={move.isPending}
            pendingLabel="Moving…"
          >
            Move to this time
          </Button>
        </div>
      ) : null}

      {error && error.code !== "SLOT_TAKEN" && error.code !== "RESCHEDULE_PRICE_DIFFERS" ? (
        <ServerErrorAlert title="We couldn't move the booking" error={error} />
      ) : null}
    </section>
  );
}
