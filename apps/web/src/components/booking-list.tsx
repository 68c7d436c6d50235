import type { BookingListWhen } from "@bookable/validators";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatDateTimeRange } from "../lib/format-date-time-range.js";
import { isCancellable } from "../lib/is-cancellable.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { BookAgainLink } from "./book-again-link.js";
import { BookingStatusBadge } from "./booking-status-badge.js";
import { ButtonLink } from "./button-link.js";
import { CancelBookingControl } from "./cancel-booking-control.js";
import { CancellationReason } from "./cancellation-reason.js";
import { EmptyState } from "./empty-state.js";
import { LoadMoreFooter } from "./load-more-footer.js";
import { LoadingState } from "./loading-state.js";
import { PaymentStatusBadge } from "./payment-status-badge.js";
import { ServerErrorAlert } from "./server-error-alert.js";

export interface BookingListProps {
  when: BookingListWhen;
}

const listLabels: Record<BookingListWhen, string> = {
  upcoming: "Upcoming bookings",
  past: "Past bookings",
  cancelled: "Cancelled bookings",
};

const PAGE_SIZE = 20;

/**
 * The signed-in person's bookings, a page at a time: upcoming (soonest first), past or cancelled (latest
 * first). Past and cancelled ones offer "Book again".
 */
export function BookingList({ when }: BookingListProps) {
  const trpc = useTRPC();
  const bookings = useInfiniteQuery(
    trpc.bookings.list.infiniteQueryOptions({ when, limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor }),
  );

  if (bookings.isPending) return <LoadingState label="Loading your bookings…" />;
  if (bookings.isLoadingError) {
    return (
      <ServerErrorAlert
        title="We couldn't load your bookings"
        error={readServerError(bookings.error)}
        onRetry={() => void bookings.refetch()}
      />
    );
  }
  const items = bookings.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    if (when === "upcoming") {
      return (
        <EmptyState title="No upcoming bookings" action={<ButtonLink to="/resources">Find a time to book</ButtonLink>}>
          <p>What you book shows up here.</p>
        </EmptyState>
      );
    }
    return when === "past" ? (
      <EmptyState title="No past bookings">
        <p>Bookings move here once they have ended.</p>
      </EmptyState>
    ) : (
      <EmptyState title="No cancelled bookings">
        <p>Bookings you cancel, and holds that ran out unpaid, show up here.</p>
      </EmptyState>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <ul
        aria-label={listLabels[when]}
        className="divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white shadow-sm"
      >
        {items.map((booking) => (
          <li key={booking.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:flex-wrap sm:items-center sm:px-6">
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2">
                <Link
                  to={`/bookings/${booking.id}`}
                  className="rounded-sm font-medium text-stone-900 underline-offset-4 outline-none hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
                >
                  {booking.resourceName}
                </Link>
                <BookingStatusBadge status={booking.status} />
                <PaymentStatusBadge payment={booking.payment} />
              </p>
              <p className="mt-0.5 text-sm text-stone-600">
                <time dateTime={booking.start}>{formatDateTimeRange(booking.start, booking.end)}</time>
                {booking.seats > 1 ? ` · ${booking.seats} seats` : null}
                <CancellationReason reason={booking.cancellationReason} className="mt-0.5" />
              </p>
            </div>
            {isCancellable(booking) ? <CancelBookingControl booking={booking} triggerLabel="Cancel" /> : null}
            {when === "upcoming" ? null : <BookAgainLink booking={booking} />}
          </li>
        ))}
      </ul>
      <LoadMoreFooter query={bookings} errorTitle="We couldn't load more bookings" />
    </div>
  );
}
