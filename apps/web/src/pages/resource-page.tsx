import type { BookingOutput } from "@bookable/validators";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { Alert } from "../components/alert.js";
import { BookingForm } from "../components/booking-form.js";
import { ButtonLink } from "../components/button-link.js";
import { Card } from "../components/card.js";
import { ConfirmEmailToBook } from "../components/confirm-email-to-book.js";
import { JoinWaitlistCard } from "../components/join-waitlist-card.js";
import { LoadingState } from "../components/loading-state.js";
import { MonthSlotPicker } from "../components/month-slot-picker.js";
import { ResourceFacts } from "../components/resource-facts.js";
import { ServerErrorAlert } from "../components/server-error-alert.js";
import { TextLink } from "../components/text-link.js";
import { WidePage } from "../components/wide-page.js";
import { readServerError } from "../lib/read-server-error.js";
import { signInPath } from "../lib/sign-in-path.js";
import type { Slot } from "../lib/slot.js";
import { useTRPC } from "../lib/trpc.js";
import { useViewer } from "../lib/use-viewer.js";

/** Scrolls the booking form into view when it first appears, which on a phone is below the calendar. */
function revealOnMount(element: HTMLElement | null): void {
  element?.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

/**
 * One resource: its terms, a month calendar of free dates beside a date's free slots, and, once a slot is picked, the booking form. If
 * someone else takes the slot first, the free times are fetched again and the page says what happened.
 */
export function ResourcePage() {
  const { id = "" } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const viewer = useViewer();
  const resource = useQuery(trpc.resources.get.queryOptions({ id }));
  const [selected, setSelected] = useState<Slot | null>(null);
  const [slotGone, setSlotGone] = useState<"taken" | "unavailable" | null>(null);
  // The slot someone else took: its waitlist is offered (issue 15).
  const [fullSlot, setFullSlot] = useState<Slot | null>(null);
  // A priced booking is held until paid: the browser is on its way to the checkout page.
  const [checkoutUrl, setCheckoutUrl] = useState<string | null>(null);

  if (resource.isPending) {
    return (
      <WidePage>
        <title>Book · Bookable</title>
        <LoadingState label="Loading the resource…" />
      </WidePage>
    );
  }
  if (resource.isError) {
    const error = readServerError(resource.error);
    const missing = error.code === "NOT_FOUND" || error.code === "VALIDATION_FAILED";
    return (
      <WidePage>
        <title>Book · Bookable</title>
        {missing ? (
          <Alert tone="error" title="We couldn't find that resource">
            <p>
              It may have been removed, or the link is wrong. <TextLink to="/resources">See what you can book</TextLink>
            </p>
          </Alert>
        ) : (
          <ServerErrorAlert title="We couldn't load the resource" error={error} onRetry={() => void resource.refetch()} />
        )}
      </WidePage>
    );
  }

  const item = resource.data;
  const user = viewer.data?.user ?? null;
  const select = (slot: Slot) => {
    setSelected(slot);
    setSlotGone(null);
    setFullSlot(null);
    setCheckoutUrl(null);
  };
  // A full time chosen under the free ones: its waitlist card, or sign-in first (issue 15).
  const joinWaitlist = (slot: Slot) => {
    if (!user) {
      void navigate(signInPath(`/resources/${id}`));
      return;
    }
    setSelected(null);
    setSlotGone(null);
    setCheckoutUrl(null);
    setFullSlot(slot);
  };
  const onBooked = (booking: BookingOutput) => {
    if (booking.checkoutUrl) {
      setCheckoutUrl(booking.checkoutUrl);
      // Stripe Checkout is another site, so this is a real page load rather than a route change.
      window.location.assign(booking.checkoutUrl);
      return;
    }
    void navigate(`/bookings/${booking.id}`);
  };
  const onSlotGone = (reason: "taken" | "unavailable") => {
    setFullSlot(reason === "taken" ? selected : null);
    setSelected(null);
    setSlotGone(reason);
    void queryClient.invalidateQueries(trpc.resources.availability.pathFilter());
    void queryClient.invalidateQueries(trpc.resources.availabilityDays.pathFilter());
  };

  return (
    <WidePage>
      <title>{`${item.name} · Bookable`}</title>
      <p className="mb-3 text-sm">
        <TextLink to="/resources">← All resources</TextLink>
      </p>
      <h1 className="text-3xl font-semibold tracking-tight text-stone-900">{item.name}</h1>
      {item.description ? <p className="mt-2 max-w-3xl whitespace-pre-line text-stone-600">{item.description}</p> : null}
      <div className="mt-6 rounded-2xl border border-stone-200 bg-white p-4 shadow-sm sm:p-6">
        <ResourceFacts resource={item} />
      </div>

      <div className="mt-8 flex flex-col gap-6 sm:mt-10">
        {item.status === "archived" ? (
          <Alert title="Not taking bookings">
            <p>{item.name} has been retired and takes no new bookings.</p>
          </Alert>
        ) : (
          <>
            {slotGone ? (
              <Alert
                tone="error"
                title={slotGone === "taken" ? "Someone else just booked this slot" : "That slot is no longer available"}
              >
                <p>We've refreshed the free times. Please pick another{fullSlot && user ? ", or wait for this one" : ""}.</p>
              </Alert>
            ) : null}
            {fullSlot && user ? (
              <div key={fullSlot.start} ref={revealOnMount} className="scroll-mt-6">
                <JoinWaitlistCard resource={item} slot={fullSlot} user={user} />
              </div>
            ) : null}
            <MonthSlotPicker
              resource={item}
              selectedStart={selected?.start ?? null}
              onSelect={select}
              onJoinWaitlist={joinWaitlist}
            />
          </>
        )}

        {selected && item.status === "active" ? (
          <div ref={revealOnMount} className="scroll-mt-6">
            {checkoutUrl ? (
              <Card role="status" title="Taking you to payment…" description="Your slot is held while you pay.">
                <LoadingState label="Opening the payment page…" />
                <p className="text-sm text-stone-600">
                  Nothing happening?{" "}
                  <a
                    href={checkoutUrl}
                    className="rounded-sm font-medium text-accent-700 underline-offset-4 outline-none hover:text-accent-800 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600"
                  >
                    Go to the payment page
                  </a>
                </p>
              </Card>
            ) : viewer.isPending ? (
              <LoadingState label="Checking who you are…" />
            ) : user && !user.emailVerified && user.role !== "admin" ? (
              <ConfirmEmailToBook user={user} />
            ) : user ? (
              <Card title="Your booking" description="Check the details and book.">
                <BookingForm resource={item} slot={selected} user={user} onBooked={onBooked} onSlotGone={onSlotGone} />
              </Card>
            ) : (
              <Card title="Sign in to book" description="Bookings belong to an account, so you can see and cancel them later.">
                <div className="flex flex-col gap-3 sm:flex-row">
                  <ButtonLink to={signInPath(`/resources/${item.id}`)}>Sign in to book</ButtonLink>
                  <ButtonLink to="/sign-up" variant="secondary">
                    Create an account
                  </ButtonLink>
                </div>
              </Card>
            )}
          </div>
        ) : null}
      </div>
    </WidePage>
  );
}
