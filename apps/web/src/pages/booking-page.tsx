import type { BookingOutput, UserOutput } from "@bookable/validators";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { Alert } from "../components/alert.js";
import { BookAgainLink } from "../components/book-again-link.js";
import { BookingStatusBadge } from "../components/booking-status-badge.js";
import { buttonStyles } from "../components/button-styles.js";
import { CancelBookingControl } from "../components/cancel-booking-control.js";
import { CancellationReason } from "../components/cancellation-reason.js";
import { Card } from "../components/card.js";
import { LoadingState } from "../components/loading-state.js";
import { PayToConfirm } from "../components/pay-to-confirm.js";
import { PaymentStatusBadge } from "../components/payment-status-badge.js";
import { RescheduleBookingControl } from "../components/reschedule-booking-control.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { SignedInOnly } from "../components/signed-in-only.js";
import { Spinner } from "../components/spinner.js";
import { TextLink } from "../components/text-link.js";
import { WaitlistOfferPanel } from "../components/waitlist-offer-panel.js";
import { describePaymentStatus, describeRefundReason, describeRefundStatus, refundOnCancel } from "../lib/describe-payment.js";
import { describeTimeZone } from "../lib/describe-time-zone.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { formatDateTimeRange } from "../lib/format-date-time-range.js";
import { formatPrice } from "../lib/format-price.js";
import { isCancellable } from "../lib/is-cancellable.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { useNow } from "../lib/use-now.js";
import { viewerTimeZone } from "../lib/viewer-time-zone.js";

const headings: Record<BookingOutput["status"], string> = {
  confirmed: "Booking confirmed",
  held: "Slot held",
  cancelled: "Booking cancelled",
  expired: "Hold expired",
};

/** How often a booking that may still change by itself (its payment awaited) is asked for again. */
const POLL_MILLISECONDS = 2000;
/**
 * Back from a paid checkout, how long to wait for the payment provider's report before no longer asking:
 * it normally arrives within seconds.
 */
const PATIENCE_MILLISECONDS = 5 * 60_000;

/** How the booker came back from the checkout (Stripe's success and cancel URLs), if they did. */
type CheckoutReturn = "success" | "cancelled" | null;

function readCheckoutReturn(value: string | null): CheckoutReturn {
  return value === "success" || value === "cancelled" ? value : null;
}

/**
 * Whether the booking may still change without anyone touching it: a held slot awaits its payment, and
 * back from a paid checkout an expired hold may yet be confirmed (or refunded) once the payment is reported.
 */
function awaitsPayment(booking: BookingOutput, checkout: CheckoutReturn): boolean {
  // A held booking without a payment is a waitlist offer (issue 15): WaitlistOfferPanel says how to take it.
  if (booking.status === "held") return booking.payment !== null;
  return (
    checkout === "success" &&
    booking.status === "expired" &&
    booking.payment !== null &&
    booking.payment.status !== "paid" &&
    booking.payment.refund === null
  );
}

/** Moves focus to the outcome, so keyboard and screen-reader users land on it after booking. */
function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

/**
 * One booking: the confirmation right after booking, the page the payment provider returns to
 * (?checkout=success or ?checkout=cancelled), and the place to cancel it later.
 */
export function BookingPage() {
  return <SignedInOnly title="Your booking">{(user) => <BookingDetails user={user} />}</SignedInOnly>;
}

function BookingDetails({ user }: { user: UserOutput }) {
  const { id = "" } = useParams();
  const [searchParams] = useSearchParams();
  const checkout = readCheckoutReturn(searchParams.get("checkout"));
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [patient, setPatient] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setPatient(false), PATIENCE_MILLISECONDS);
    return () => clearTimeout(timer);
  }, []);
  const booking = useQuery({
    ...trpc.bookings.get.queryOptions({ id }),
    // The payment is confirmed by the provider's report, not by the booker's return: ask until it lands.
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data || !awaitsPayment(data, checkout)) return false;
      return data.status === "held" || patient ? POLL_MILLISECONDS : false;
    },
  });

  // Once the payment settles the booking, the lists and free times that show it are out of date.
  const state = booking.data
    ? `${booking.data.status} ${booking.data.payment?.status} ${booking.data.payment?.refund?.status}`
    : null;
  useEffect(() => {
    if (state === null) return;
    void queryClient.invalidateQueries(trpc.bookings.list.pathFilter());
    void queryClient.invalidateQueries(trpc.bookings.listAll.pathFilter());
    void queryClient.invalidateQueries(trpc.resources.availability.pathFilter());
  }, [state, queryClient, trpc]);

  let content: ReactNode;
  if (booking.isPending) {
    content = <LoadingState label="Loading your booking…" />;
  } else if (booking.data) {
    // A failed poll keeps the last answer on screen; the next poll tries again.
    content = (
      <BookingSummary
        booking={booking.data}
        checkout={checkout}
        gaveUpWaiting={!patient && booking.data.status !== "held" && awaitsPayment(booking.data, checkout)}
        canChooseRefund={user.role === "admin"}
        isBooker={booking.data.userId === user.id}
      />
    );
  } else {
    const error = readServerError(booking.error);
    content =
      error.code === "NOT_FOUND" || error.code === "VALIDATION_FAILED" ? (
        <Alert tone="error" title="We couldn't find that booking">
          <p>
            It may belong to another account, or the link is wrong. <TextLink to="/bookings">See your bookings</TextLink>
          </p>
        </Alert>
      ) : (
        <ServerErrorAlert title="We couldn't load your booking" error={error} onRetry={() => void booking.refetch()} />
      );
  }

  return (
    // Wider than a form page: the times in two zones read better on one line each.
    <div className="mx-auto w-full max-w-2xl px-4 py-12 sm:py-16">
      <title>{`${booking.data ? headings[booking.data.status] : "Your booking"} · Bookable`}</title>
      {booking.data ? <WaitlistOfferPanel booking={booking.data} /> : null}
      {content}
      <p className="mt-6 flex flex-wrap justify-center gap-x-6 gap-y-2 text-sm text-stone-600">
        <TextLink to="/bookings">All your bookings</TextLink>
        {user.role === "admin" && booking.data ? (
          // The delivery log, narrowed to this booking: what was sent about it, and whether it arrived.
          <TextLink to={`/admin/notifications?bookingId=${booking.data.id}`}>Messages for this booking</TextLink>
        ) : null}
      </p>
    </div>
  );
}

interface BookingSummaryProps {
  booking: BookingOutput;
  checkout: CheckoutReturn;
  /** Back from a paid checkout, the payment's report has not arrived in time, and the page no longer asks. */
  gaveUpWaiting: boolean;
  /** Admins choose whether a cancelled paid booking is refunded. */
  canChooseRefund: boolean;
  /** Only the booker is offered the way back to the checkout; an admin looking on is not. */
  isBooker: boolean;
}

function BookingSummary({ booking, checkout, gaveUpWaiting, canChooseRefund, isBooker }: BookingSummaryProps) {
  const viewerZone = viewerTimeZone();
  const start = new Date(booking.start);
  // Renewed now and then, so the refund policy shown flips when its deadline passes.
  const now = useNow(30_000);
  const payment = booking.payment;
  const holdEnds = booking.holdExpiresAt ? formatDateTime(booking.holdExpiresAt, "time") : null;
  const cancellable = isCancellable(booking, now);
  const policy = refundOnCancel(booking, now);
  const checkoutUrl = isBooker && booking.status === "held" ? booking.checkoutUrl : null;

  let progress: ReactNode = null;
  if (booking.status === "held" && checkout === "cancelled") {
    progress = (
      <p className="mt-2 text-sm text-stone-700">
        You left the payment page. {holdEnds ? `Your slot is held until ${holdEnds}.` : "Your slot is held for a little while."}
        {checkoutUrl ? " Return to payment to keep it, or cancel it to free it for others." : null}
      </p>
    );
  } else if (booking.status === "held" && booking.payment && checkout !== "success") {
    progress = <PayToConfirm booking={booking} checkoutUrl={checkoutUrl} />;
  } else if ((booking.status === "held" && booking.payment) || (awaitsPayment(booking, checkout) && !gaveUpWaiting)) {
    progress = (
      <div className="mt-2 flex flex-col gap-1 text-sm text-stone-700">
        <p className="flex items-center gap-2 font-medium text-stone-900">
          <Spinner className="text-accent-700" />
          Waiting for the payment to be confirmed…
        </p>
        {checkout === "success" ? <p>This usually takes a few seconds; the page updates by itself.</p> : null}
      </div>
    );
  } else if (gaveUpWaiting) {
    progress = (
      <p className="mt-2 text-sm text-stone-700">
        We haven't heard about your payment yet. If you paid, it shows here once the payment provider reports it: reload the page
        in a while.
      </p>
    );
  } else if (booking.status === "confirmed" && payment?.status === "paid" && !payment.refund && checkout !== null) {
    progress = (
      <p className="mt-4 rounded-lg bg-accent-50 p-3 text-sm font-medium text-accent-900">
        Payment received. Your booking is confirmed.
      </p>
    );
  } else if (booking.status === "cancelled" && booking.cancelledAt) {
    progress = (
      <p className="mt-2 text-sm text-stone-600">
        Cancelled {formatDateTime(booking.cancelledAt, "dateTime")}. The slot is free again.
        <CancellationReason reason={booking.cancellationReason} className="mt-1" />
      </p>
    );
  } else if (booking.status === "expired") {
    progress = (
      <p className="mt-2 text-sm text-stone-600">
        {payment?.refund
          ? "The hold ran out before the payment arrived, so the slot was released."
          : checkout === "cancelled"
            ? "You left the payment page without paying, so the hold ended and the slot was released."
            : "The booking wasn't paid in time, so the hold ended and the slot was released."}
      </p>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      {/* A live region: as the payment settles, the new status is read out without moving focus. */}
      <Card role="status">
        <div className="flex items-start justify-between gap-3">
          <h1 ref={focusOnMount} tabIndex={-1} className="text-2xl font-semibold tracking-tight text-stone-900 outline-none">
            {headings[booking.status]}
          </h1>
          <div className="flex flex-wrap justify-end gap-2">
            <BookingStatusBadge status={booking.status} />
            <PaymentStatusBadge payment={payment} />
          </div>
        </div>
        {progress}

        <dl className="mt-6 grid gap-x-6 gap-y-4 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="font-medium text-stone-500">What</dt>
          <dd className="text-stone-900">
            <TextLink to={`/resources/${booking.resourceId}`}>{booking.resourceName}</TextLink>
          </dd>

          <dt className="font-medium text-stone-500">When</dt>
          <dd className="text-stone-900">
            <time dateTime={booking.start}>{formatDateTimeRange(booking.start, booking.end)}</time>
            <span className="block text-stone-500">Your time, {describeTimeZone(viewerZone, start)}</span>
            {booking.timeZone === viewerZone ? null : (
              <span className="mt-2 block">
                {formatDateTimeRange(booking.start, booking.end, booking.timeZone)}
                <span className="block text-stone-500">Local time there, {describeTimeZone(booking.timeZone, start)}</span>
              </span>
            )}
          </dd>

          <dt className="font-medium text-stone-500">Seats</dt>
          <dd className="text-stone-900">{booking.seats}</dd>

          <dt className="font-medium text-stone-500">For</dt>
          <dd className="text-stone-900">
            {booking.attendee.name}
            <span className="block break-all text-stone-600">{booking.attendee.email}</span>
            {booking.attendee.phone ? <span className="block text-stone-600">{booking.attendee.phone}</span> : null}
            {booking.attendee.phone && booking.attendee.smsOptIn ? (
              <span className="block text-stone-500">Also notified by SMS</span>
            ) : null}
          </dd>

          {booking.notes ? (
            <>
              <dt className="font-medium text-stone-500">Notes</dt>
              <dd className="whitespace-pre-line text-stone-900">{booking.notes}</dd>
            </>
          ) : null}

          <dt className="font-medium text-stone-500">Price</dt>
          <dd className="text-stone-900">{formatPrice(booking.price)}</dd>

          {payment ? (
            <>
              <dt className="font-medium text-stone-500">Payment</dt>
              <dd className="text-stone-900">
                {describePaymentStatus(payment)}
                {payment.mode === "local" ? (
                  <span className="block text-stone-500">Local payment mode: no real money moves.</span>
                ) : null}
                {payment.refund ? (
                  <span className="mt-2 block">
                    <span className="block font-medium">{describeRefundStatus(payment.refund, payment.currency)}.</span>
                    <span className="block text-stone-600">{describeRefundReason(payment.refund)}</span>
                  </span>
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
      </Card>

      {booking.status === "held" || booking.status === "confirmed" ? (
        <div className="flex flex-col gap-3">
          {cancellable && policy !== "unpaid" ? (
            <p className="text-sm text-stone-700">
              {policy === "full"
                ? `Cancel before ${formatDateTime(booking.freeCancellationUntil ?? booking.start, "dateTime")} for a full refund.`
                : "Cancelling now refunds nothing: the free-cancellation period has ended."}
            </p>
          ) : null}
          <div className="flex flex-wrap items-start gap-3">
            {checkoutUrl && checkout === "cancelled" ? (
              // A plain link: the checkout may be on another site (Stripe).
              <a href={checkoutUrl} className={buttonStyles()}>
                Return to payment
              </a>
            ) : null}
            {/* A plain link: the server answers with a file (text/calendar), authenticated by the session cookie. */}
            <a href={`/api/v1/bookings/${booking.id}/calendar.ics`} download className={buttonStyles({ variant: "secondary" })}>
              Add to calendar
            </a>
            {cancellable ? <RescheduleBookingControl booking={booking} /> : null}
            {cancellable ? (
              <CancelBookingControl booking={booking} triggerLabel="Cancel booking" canChooseRefund={canChooseRefund} />
            ) : null}
          </div>
        </div>
      ) : null}
      {booking.status === "cancelled" || booking.status === "expired" || Date.parse(booking.end) <= now ? (
        <BookAgainLink booking={booking} className="self-start" />
      ) : null}
    </div>
  );
}
