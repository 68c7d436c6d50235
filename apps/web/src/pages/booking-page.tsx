import type { BookingOutput } from "@bookable/validators";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { Alert } from "../components/alert.js";
import { BookingStatusBadge } from "../components/booking-status-badge.js";
import { buttonStyles } from "../components/button-styles.js";
import { CancelBookingControl } from "../components/cancel-booking-control.js";
import { Card } from "../components/card.js";
import { LoadingState } from "../components/loading-state.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { SignedInOnly } from "../components/signed-in-only.js";
import { TextLink } from "../components/text-link.js";
import { describeTimeZone } from "../lib/describe-time-zone.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { formatDateTimeRange } from "../lib/format-date-time-range.js";
import { formatPrice } from "../lib/format-price.js";
import { isCancellable } from "../lib/is-cancellable.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { viewerTimeZone } from "../lib/viewer-time-zone.js";

const headings: Record<BookingOutput["status"], string> = {
  confirmed: "Booking confirmed",
  held: "Slot held",
  cancelled: "Booking cancelled",
  expired: "Hold expired",
};

/** Moves focus to the outcome, so keyboard and screen-reader users land on it after booking. */
function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

/** One booking: the confirmation right after booking, and the place to cancel it later. */
export function BookingPage() {
  return <SignedInOnly title="Your booking">{() => <BookingDetails />}</SignedInOnly>;
}

function BookingDetails() {
  const { id = "" } = useParams();
  const trpc = useTRPC();
  const booking = useQuery(trpc.bookings.get.queryOptions({ id }));

  let content: ReactNode;
  if (booking.isPending) {
    content = <LoadingState label="Loading your booking…" />;
  } else if (booking.isError) {
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
  } else {
    content = <BookingSummary booking={booking.data} />;
  }

  return (
    // Wider than a form page: the times in two zones read better on one line each.
    <div className="mx-auto w-full max-w-2xl px-4 py-12 sm:py-16">
      <title>{`${booking.data ? headings[booking.data.status] : "Your booking"} · Bookable`}</title>
      {content}
      <p className="mt-6 text-center text-sm text-stone-600">
        <TextLink to="/bookings">All your bookings</TextLink>
      </p>
    </div>
  );
}

function BookingSummary({ booking }: { booking: BookingOutput }) {
  const viewerZone = viewerTimeZone();
  const start = new Date(booking.start);
  return (
    <div className="flex flex-col gap-6">
      <Card role="status">
        <div className="flex items-start justify-between gap-3">
          <h1 ref={focusOnMount} tabIndex={-1} className="text-2xl font-semibold tracking-tight text-stone-900 outline-none">
            {headings[booking.status]}
          </h1>
          <BookingStatusBadge status={booking.status} />
        </div>
        {booking.status === "held" && booking.holdExpiresAt ? (
          <p className="mt-2 text-sm text-stone-600">
            We hold it for you until {formatDateTime(booking.holdExpiresAt, "dateTime")}. Online payment comes with a later
            release of Bookable; until then the hold is how a priced slot is kept.
          </p>
        ) : null}
        {booking.status === "cancelled" && booking.cancelledAt ? (
          <p className="mt-2 text-sm text-stone-600">
            Cancelled {formatDateTime(booking.cancelledAt, "dateTime")}. The slot is free again.
          </p>
        ) : null}
        {booking.status === "expired" ? (
          <p className="mt-2 text-sm text-stone-600">The hold ran out before payment, so the slot was released.</p>
        ) : null}

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
          </dd>

          {booking.notes ? (
            <>
              <dt className="font-medium text-stone-500">Notes</dt>
              <dd className="whitespace-pre-line text-stone-900">{booking.notes}</dd>
            </>
          ) : null}

          <dt className="font-medium text-stone-500">Price</dt>
          <dd className="text-stone-900">{formatPrice(booking.price)}</dd>
        </dl>
      </Card>

      {booking.status === "held" || booking.status === "confirmed" ? (
        <div className="flex flex-wrap items-start gap-3">
          {/* A plain link: the server answers with a file (text/calendar), authenticated by the session cookie. */}
          <a href={`/api/v1/bookings/${booking.id}/calendar.ics`} download className={buttonStyles({ variant: "secondary" })}>
            Add to calendar
          </a>
          {isCancellable(booking) ? <CancelBookingControl booking={booking} triggerLabel="Cancel booking" /> : null}
        </div>
      ) : null}
    </div>
  );
}
