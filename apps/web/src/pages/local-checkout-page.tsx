import type { BookingOutput, LocalCheckoutOutput } from "@bookable/validators";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { useNavigate, useParams } from "react-router";
import { Alert } from "../components/alert.js";
import { Button } from "../components/button.js";
import { ButtonLink } from "../components/button-link.js";
import { Card } from "../components/card.js";
import { CheckoutWhen } from "../components/checkout-when.js";
import { LoadingState } from "../components/loading-state.js";
import { RefundPolicyNote } from "../components/refund-policy-note.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { SignedInOnly } from "../components/signed-in-only.js";
import { TextLink } from "../components/text-link.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { formatPrice } from "../lib/format-price.js";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { useNow } from "../lib/use-now.js";

/** "4:59" or "1:04:59": what is left of the checkout, as a countdown reads. */
function formatCountdown(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * The stand-in for Stripe Checkout when the server has no Stripe keys ("local payment mode"): the booker
 * pays, or walks away, with a button. No money moves; the server treats either exactly like Stripe's
 * report of a completed or expired checkout. The server answers NOT_FOUND when Stripe is configured.
 */
export function LocalCheckoutPage() {
  return <SignedInOnly title="Local checkout">{() => <LocalCheckout />}</SignedInOnly>;
}

function LocalCheckout() {
  const { sessionId = "" } = useParams();
  const trpc = useTRPC();
  const checkout = useQuery(trpc.payments.localCheckout.queryOptions({ sessionId }));

  let content: ReactNode;
  if (checkout.isPending) {
    content = <LoadingState label="Loading the checkout…" />;
  } else if (checkout.isError) {
    const error = readServerError(checkout.error);
    content =
      error.code === "NOT_FOUND" || error.code === "VALIDATION_FAILED" ? (
        <Alert tone="error" title="This checkout does not exist or local payment mode is off">
          <p>
            The link may be wrong, the checkout may belong to another account, or this server takes payments through Stripe.{" "}
            <TextLink to="/bookings">See your bookings</TextLink>
          </p>
        </Alert>
      ) : (
        <ServerErrorAlert title="We couldn't load the checkout" error={error} onRetry={() => void checkout.refetch()} />
      );
  } else {
    content = (
      <>
        <LocalModeBanner />
        <CheckoutDetails checkout={checkout.data} />
      </>
    );
  }

  return (
    <div className="mx-auto w-full max-w-2xl px-4 py-12 sm:py-16">
      <title>Local checkout · Bookable</title>
      <p className="text-sm font-semibold tracking-wide text-accent-700 uppercase">Development</p>
      <h1 className="mt-2 mb-8 text-3xl font-semibold tracking-tight text-stone-900">Checkout</h1>
      <div className="flex flex-col gap-6">{content}</div>
    </div>
  );
}

/** Says loudly that this is not a real payment page, so nobody mistakes it for one. */
function LocalModeBanner() {
  return (
    <section
      aria-labelledby="local-mode-heading"
      className="rounded-xl border-2 border-dashed border-amber-400 bg-amber-50 p-4 text-amber-950"
    >
      <h2 id="local-mode-heading" className="font-semibold">
        Local payment mode — no real money moves; Stripe is not configured on this server
      </h2>
      <p className="mt-1 text-sm text-amber-900">
        This page stands in for Stripe Checkout. Paying here confirms the booking as a real payment would, without charging
        anyone.
      </p>
    </section>
  );
}

function CheckoutDetails({ checkout }: { checkout: LocalCheckoutOutput }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const now = useNow();
  const left = Date.parse(checkout.expiresAt) - now;
  const timeIsUp = checkout.status === "open" && left <= 0;
  const sessionId = checkout.sessionId;

  // The countdown ran out while the page was open: ask the server how the checkout stands now.
  useEffect(() => {
    if (timeIsUp) void queryClient.invalidateQueries(trpc.payments.localCheckout.queryFilter({ sessionId }));
  }, [timeIsUp, queryClient, trpc, sessionId]);

  /** After paying or walking away: the booking page (Stripe's return page) shows how it turned out. */
  const returnToBooking = async (booking: BookingOutput, outcome: "success" | "cancelled") => {
    queryClient.setQueryData(trpc.bookings.get.queryKey({ id: booking.id }), booking);
    await Promise.all([
      queryClient.invalidateQueries(trpc.bookings.list.pathFilter()),
      queryClient.invalidateQueries(trpc.bookings.listAll.pathFilter()),
      queryClient.invalidateQueries(trpc.resources.availability.pathFilter()),
    ]);
    await navigate(`/bookings/${booking.id}?checkout=${outcome}`);
  };
  // A failure may mean the checkout changed meanwhile (expired, paid in another tab): show it as it now is.
  const refreshCheckout = () => void queryClient.invalidateQueries(trpc.payments.localCheckout.pathFilter());
  const pay = useMutation(
    trpc.payments.payLocalCheckout.mutationOptions({
      onSuccess: (booking) => returnToBooking(booking, "success"),
      onError: refreshCheckout,
    }),
  );
  const abandon = useMutation(
    trpc.payments.abandonLocalCheckout.mutationOptions({
      onSuccess: (booking) => returnToBooking(booking, "cancelled"),
      onError: refreshCheckout,
    }),
  );

  const amount = formatPrice({ amount: checkout.amount, currency: checkout.currency });
  const bookingLink = (
    <ButtonLink to={`/bookings/${checkout.bookingId}`} variant="secondary" className="mt-3">
      See your booking
    </ButtonLink>
  );

  if (checkout.status === "complete") {
    return (
      <Alert tone="success" title="This checkout is already paid">
        <p>Nothing more to do here: the payment for {checkout.resourceName} went through.</p>
        {bookingLink}
      </Alert>
    );
  }
  if (checkout.status === "expired" || timeIsUp) {
    return (
      <Alert tone="info" title="This checkout has expired">
        <p>It can no longer be paid, and the held slot was released. You can book again if it is still free.</p>
        {bookingLink}
      </Alert>
    );
  }

  const failed = pay.isError ? pay.error : abandon.isError ? abandon.error : null;

  return (
    <Card title="Pay for your booking" description="The slot is held for you until the time runs out.">
      <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="font-medium text-stone-500">What</dt>
        <dd className="text-stone-900">{checkout.resourceName}</dd>

        <dt className="font-medium text-stone-500">When</dt>
        <dd className="text-stone-900">
          <CheckoutWhen start={checkout.start} end={checkout.end} timeZone={checkout.timeZone} />
        </dd>

        <dt className="font-medium text-stone-500">Seats</dt>
        <dd className="text-stone-900">{checkout.seats}</dd>

        <dt className="font-medium text-stone-500">Amount</dt>
        <dd className="text-lg font-semibold text-stone-900">{amount}</dd>

        <dt className="font-medium text-stone-500">Time left</dt>
        <dd className="text-stone-900">
          {/* Not a live region: a countdown read out every second would drown everything else. */}
          <span className="font-mono tabular-nums">{formatCountdown(left)}</span>
          <span className="text-stone-500">
            {" "}
            (until <time dateTime={checkout.expiresAt}>{formatDateTime(checkout.expiresAt, "time")}</time>)
          </span>
        </dd>
      </dl>

      <RefundPolicyNote freeCancellationUntil={new Date(checkout.freeCancellationUntil)} className="mt-6" />

      {failed ? (
        <ServerErrorAlert
          title={pay.isError ? "The payment didn't go through" : "We couldn't abandon the checkout"}
          error={readServerError(failed)}
          className="mt-6"
        />
      ) : null}

      <div className="mt-8 flex flex-col gap-3 sm:flex-row sm:items-center">
        <Button
          size="large"
          onPress={() => {
            abandon.reset();
            pay.mutate({ sessionId });
          }}
          isPending={pay.isPending}
          isDisabled={abandon.isPending}
          pendingLabel="Paying…"
        >
          Pay {amount}
        </Button>
        <Button
          variant="secondary"
          size="large"
          onPress={() => {
            pay.reset();
            abandon.mutate({ sessionId });
          }}
          isPending={abandon.isPending}
          isDisabled={pay.isPending}
          pendingLabel="Abandoning…"
        >
          Abandon checkout
        </Button>
      </div>
      <p className="mt-3 text-sm text-stone-600">
        Abandoning ends the checkout now and releases the slot, as if you had walked away and the time had run out.
      </p>
    </Card>
  );
}
