import type { BookingOutput } from "@bookable/validators";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { type ReactNode, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { AdminNav } from "../components/admin-nav.js";
import { AdminOnly } from "../components/admin-only.js";
import { AdminWaitlistPanel } from "../components/admin-waitlist-panel.js";
import { BookingStatusBadge } from "../components/booking-status-badge.js";
import { Button } from "../components/button.js";
import { CancelBookingConfirmation, cancelTriggerLabel } from "../components/cancel-booking-control.js";
import { CancellationReason } from "../components/cancellation-reason.js";
import { EmptyState } from "../components/empty-state.js";
import { LoadMoreFooter } from "../components/load-more-footer.js";
import { LoadingState } from "../components/loading-state.js";
import { PageHeading } from "../components/page-heading.js";
import { PaymentStatusBadge } from "../components/payment-status-badge.js";
import { SelectField } from "../components/select-field.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { TextField } from "../components/text-field.js";
import { WidePage } from "../components/wide-page.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { formatPrice } from "../lib/format-price.js";
import { isCancellable } from "../lib/is-cancellable.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";

type Status = BookingOutput["status"];

const statusOptions = [
  { value: "", label: "Any status" },
  { value: "confirmed", label: "Confirmed" },
  { value: "held", label: "Held" },
  { value: "cancelled", label: "Cancelled" },
  { value: "expired", label: "Expired" },
] as const;
const isStatus = (value: string): value is Status =>
  statusOptions.some((option) => option.value !== "" && option.value === value);

/** Midnight at the start of a "YYYY-MM-DD" day on the admin's own clock, as an instant; `days` later if given. */
function startOfLocalDay(date: string, days = 0): string | undefined {
  const [year, month, day] = date.split("-").map(Number);
  if (!year || !month || !day) return undefined;
  return new Date(year, month - 1, day + days).toISOString();
}

const PAGE_SIZE = 50;

/** Every booking of every resource, filtered, earliest first, in the admin's time zone. */
export function AdminBookingsPage() {
  return (
    <AdminOnly title="Bookings">
      {() => (
        <WidePage>
          <title>Bookings · Admin · Bookable</title>
          <PageHeading title="Admin" description="Every booking, earliest first. Times are in your time zone." />
          <AdminNav />
          <BookingsTable />
        </WidePage>
      )}
    </AdminOnly>
  );
}

function BookingsTable() {
  const trpc = useTRPC();
  const [resourceId, setResourceId] = useState("");
  const [status, setStatus] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const resources = useQuery(trpc.resources.list.queryOptions({ includeArchived: "true" }));
  const bookings = useInfiniteQuery(
    trpc.bookings.listAll.infiniteQueryOptions(
      {
        resourceId: resourceId || undefined,
        status: isStatus(status) ? status : undefined,
        from: from ? startOfLocalDay(from) : undefined,
        // "To" names the last day wanted, so the window ends at the midnight after it.
        to: to ? startOfLocalDay(to, 1) : undefined,
        limit: PAGE_SIZE,
      },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );

  const resourceOptions = [
    { value: "", label: resources.isPending ? "Loading…" : "All resources" },
    ...(resources.data?.items ?? []).map((resource) => ({
      value: resource.id,
      label: resource.status === "archived" ? `${resource.name} (archived)` : resource.name,
    })),
  ];
  const filtered = Boolean(resourceId || status || from || to);

  let content: ReactNode;
  if (bookings.isPending) {
    content = <LoadingState label="Loading bookings…" />;
  } else if (bookings.isLoadingError) {
    content = (
      <ServerErrorAlert
        title="We couldn't load the bookings"
        error={readServerError(bookings.error)}
        onRetry={() => void bookings.refetch()}
      />
    );
  } else {
    const items = bookings.data.pages.flatMap((page) => page.items);
    content =
      items.length === 0 ? (
        <EmptyState title={filtered ? "No bookings match these filters" : "No bookings yet"}>
          {filtered ? <p>Try a wider date range or another status.</p> : null}
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-4">
          <div className="relative overflow-x-auto rounded-2xl border border-stone-200 bg-white shadow-sm">
            <table className="stacked-table w-full text-left text-sm">
              <caption className="sr-only">Bookings</caption>
              <thead className="border-b border-stone-200 bg-stone-50 text-stone-600">
                <tr>
                  {["Start", "Resource", "Attendee", "Seats", "Status", "Price", "Payment"].map((heading) => (
                    <th key={heading} scope="col" className="px-4 py-3 font-medium whitespace-nowrap">
                      {heading}
                    </th>
                  ))}
                  <th scope="col" className="px-4 py-3">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {items.map((booking) => (
                  <BookingRow key={booking.id} booking={booking} />
                ))}
              </tbody>
            </table>
          </div>
          <LoadMoreFooter query={bookings} errorTitle="We couldn't load more bookings" />
        </div>
      );
  }

  return (
    <div className="flex flex-col gap-6">
      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="sr-only">Filters</legend>
        <SelectField label="Resource" options={resourceOptions} value={resourceId} onChange={setResourceId} />
        <SelectField label="Status" options={statusOptions} value={status} onChange={setStatus} />
        <TextField label="From" type="date" value={from} onChange={setFrom} />
        <TextField label="To" type="date" value={to} onChange={setTo} />
      </fieldset>
      {resources.isError ? (
        <ServerErrorAlert title="We couldn't load the resources for the filter" error={readServerError(resources.error)} />
      ) : null}
      {content}
      {resourceId ? <AdminWaitlistPanel resourceId={resourceId} /> : null}
    </div>
  );
}

const COLUMN_COUNT = 9;

/** One booking in the table; its cancel confirmation opens in a full-width row under it. */
function BookingRow({ booking }: { booking: BookingOutput }) {
  const [confirming, setConfirming] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const confirmationId = useId();

  return (
    <>
      <tr className={confirming ? "border-b-0!" : undefined}>
        <td data-label="Start" className="px-4 py-3 whitespace-nowrap">
          <Link
            to={`/bookings/${booking.id}`}
            className="rounded-sm font-medium text-accent-700 underline-offset-4 outline-none hover:underline focus-visible:outline-2 focus-visible:outline-accent-600"
          >
            <time dateTime={booking.start}>{formatDateTime(booking.start, "dateTime")}</time>
          </Link>
        </td>
        <td data-label="Resource" className="px-4 py-3 text-stone-900">
          {booking.resourceName}
        </td>
        <td data-label="Attendee" className="px-4 py-3">
          <span className="text-stone-900">{booking.attendee.name}</span>
          <span className="block text-xs break-all text-stone-500">{booking.attendee.email}</span>
        </td>
        <td data-label="Seats" className="px-4 py-3 text-stone-700">
          {booking.seats}
        </td>
        <td data-label="Status" className="px-4 py-3">
          <BookingStatusBadge status={booking.status} />
          <CancellationReason reason={booking.cancellationReason} className="mt-1 max-w-48 text-xs" />
        </td>
        <td data-label="Price" className="px-4 py-3 whitespace-nowrap text-stone-700">
          {formatPrice(booking.price)}
        </td>
        <td data-label="Payment" data-empty={booking.payment ? undefined : true} className="px-4 py-3">
          {booking.payment ? <PaymentStatusBadge payment={booking.payment} /> : <span className="sr-only">None</span>}
        </td>
        <td className="px-4 py-3 text-right">
          {isCancellable(booking) ? (
            <Button
              ref={cancelButton}
              variant="secondary"
              aria-label={cancelTriggerLabel(booking, "Cancel")}
              aria-expanded={confirming}
              aria-controls={confirming ? confirmationId : undefined}
              onPress={() => setConfirming(true)}
            >
              Cancel
            </Button>
          ) : null}
        </td>
      </tr>
      {confirming ? (
        <tr id={confirmationId}>
          <td colSpan={COLUMN_COUNT} className="px-4 pb-4">
            <CancelBookingConfirmation
              booking={booking}
              canChooseRefund
              onClose={() => {
                setConfirming(false);
                // Back to the button that opened it: the confirmation, which had the focus, is gone.
                cancelButton.current?.focus();
              }}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
