import { type BookingOutput, CANCELLATION_REASON_MAX_LENGTH } from "@bookable/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { classNames } from "../lib/class-names.js";
import { refundOnCancel } from "../lib/describe-payment.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { formatPrice } from "../lib/format-price.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Button } from "./button.js";
import { Checkbox } from "./checkbox.js";
import { ServerErrorAlert } from "./server-error-alert.js";
import { TextAreaField } from "./text-area-field.js";

export interface CancelBookingControlProps {
  booking: BookingOutput;
  /** The first button's word: "Cancel" in a list row, "Cancel booking" on the booking's page. */
  triggerLabel: string;
  /** For admins: see `CancelBookingConfirmationProps.canChooseRefund`. */
  canChooseRefund?: boolean;
  className?: string;
}

/** What the button that opens the confirmation says to a screen reader: which booking it cancels. */
export function cancelTriggerLabel(booking: BookingOutput, triggerLabel: string): string {
  return `${triggerLabel} ${booking.resourceName} on ${formatDateTime(booking.start, "dateTime")}`;
}

/**
 * Cancels a booking after a second, confirming press: a cancelled slot may be gone to someone else a
 * moment later, so one stray click must not do it. The freed slot shows up in the free times at once.
 */
export function CancelBookingControl({ booking, triggerLabel, canChooseRefund = false, className }: CancelBookingControlProps) {
  const [confirming, setConfirming] = useState(false);
  // After "Keep it" the button comes back with the focus, which was on the confirmation that is gone.
  const [reopened, setReopened] = useState(false);

  return (
    <div className={classNames(confirming && "w-full basis-full", className)}>
      {confirming ? (
        <CancelBookingConfirmation
          booking={booking}
          canChooseRefund={canChooseRefund}
          onClose={() => {
            setConfirming(false);
            setReopened(true);
          }}
        />
      ) : (
        <Button
          variant="secondary"
          aria-label={cancelTriggerLabel(booking, triggerLabel)}
          autoFocus={reopened}
          onPress={() => setConfirming(true)}
        >
          {triggerLabel}
        </Button>
      )}
    </div>
  );
}

export interface CancelBookingConfirmationProps {
  booking: BookingOutput;
  /**
   * For admins: a paid booking's confirmation offers "Refund in full", ticked as the free-cancellation
   * policy would decide, and the choice is sent as `refund`. Members never send it (the server refuses).
   */
  canChooseRefund?: boolean;
  /** "Keep it" was pressed, or the booking was cancelled. */
  onClose: () => void;
  className?: string;
}

/** The second, confirming step of cancelling: it says whether money comes back before anything happens. */
export function CancelBookingConfirmation({
  booking,
  canChooseRefund = false,
  onClose,
  className,
}: CancelBookingConfirmationProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const policyNoteId = useId();
  // Worked out as the confirmation opens: the free-cancellation deadline may pass while the page is open.
  const [policy] = useState(() => refundOnCancel(booking));
  const [refund, setRefund] = useState(policy === "full");
  // Optional (issue 15): kept on the booking, shown to admins and quoted in the cancellation email.
  const [reason, setReason] = useState("");
  const cancel = useMutation(
    trpc.bookings.cancel.mutationOptions({
      async onSuccess(cancelled) {
        queryClient.setQueryData(trpc.bookings.get.queryKey({ id: cancelled.id }), cancelled);
        onClose();
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

  const serverError = cancel.isError ? readServerError(cancel.error) : null;
  const reasonIssue = serverError?.issues.find((issue) => issue.path === "reason")?.message;
  const when = formatDateTime(booking.start, "dateTime");
  const payment = booking.payment;
  const amount = payment ? formatPrice({ amount: payment.amount, currency: payment.currency }) : "";
  const choosing = canChooseRefund && policy !== "unpaid";

  let consequence = "";
  if (choosing) consequence = refund ? `${amount} is refunded in full.` : "Nothing is refunded.";
  else if (policy === "full") consequence = `You get ${amount} back in full.`;
  else if (policy === "none") consequence = "The free-cancellation period has ended, so nothing is refunded.";
  else if (payment?.status === "awaiting_payment") consequence = "Nothing has been paid, and the payment page closes.";
  const question = canChooseRefund
    ? `Cancel ${booking.attendee.name}'s booking of ${booking.resourceName} on ${when}?`
    : `Cancel your booking of ${booking.resourceName} on ${when}?`;

  return (
    <div className={className}>
      <div className="flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 sm:flex-row sm:items-center">
        <div className="flex flex-1 flex-col gap-2">
          <p>
            {question} {consequence ? `${consequence} ` : null}The slot becomes free for others at once.
          </p>
          {choosing ? (
            <div>
              <Checkbox
                isSelected={refund}
                onChange={setRefund}
                isDisabled={cancel.isPending}
                aria-describedby={policyNoteId}
                className="text-red-950"
              >
                Refund in full ({amount})
              </Checkbox>
              <p id={policyNoteId} className="mt-1 pl-7.5 text-xs text-red-900/80">
                {policy === "full"
                  ? `The policy refunds in full until ${formatDateTime(booking.freeCancellationUntil ?? booking.start, "dateTime")}.`
                  : "The policy refunds nothing: the free-cancellation period has ended."}
              </p>
            </div>
          ) : null}
          <TextAreaField
            label="Reason (optional)"
            value={reason}
            onChange={setReason}
            maxLength={CANCELLATION_REASON_MAX_LENGTH}
            rows={2}
            isDisabled={cancel.isPending}
            errorMessage={reasonIssue}
            className="text-stone-900"
          />
        </div>
        <div className="flex gap-2 sm:self-end">
          {/* Focus moves here, since the button that was pressed is gone. */}
          <Button
            variant="danger"
            autoFocus
            onPress={() => {
              const given = reason.trim() === "" ? {} : { reason };
              cancel.mutate(choosing ? { id: booking.id, refund, ...given } : { id: booking.id, ...given });
            }}
            isPending={cancel.isPending}
            pendingLabel="Cancelling…"
          >
            Yes, cancel it
          </Button>
          <Button variant="secondary" onPress={onClose} isDisabled={cancel.isPending}>
            Keep it
          </Button>
        </div>
      </div>
      {serverError && !reasonIssue ? (
        <ServerErrorAlert title="We couldn't cancel the booking" error={serverError} className="mt-3" />
      ) : null}
    </div>
  );
}
