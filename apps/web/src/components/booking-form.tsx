import {
  type BookingOutput,
  type CreateBookingInput,
  createBookingInput,
  isIanaZone,
  type ResourceOutput,
  type UserOutput,
} from "@bookable/validators";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Controller, type FieldPath, useForm } from "react-hook-form";
import { formatDateTimeRange } from "../lib/format-date-time-range.js";
import { formatPrice } from "../lib/format-price.js";
import { readServerError } from "../lib/read-server-error.js";
import { freeCancellationUntil } from "../lib/refund-before-paying.js";
import type { Slot } from "../lib/slot.js";
import { useTimePreferences } from "../lib/time-preferences.js";
import { useTRPC } from "../lib/trpc.js";
import { viewerTimeZone } from "../lib/viewer-time-zone.js";
import { Alert } from "./alert.js";
import { AlreadyBookedAlert } from "./already-booked-alert.js";
import { Button } from "./button.js";
import { Checkbox } from "./checkbox.js";
import { Form } from "./form.js";
import { FormNumberField } from "./form-number-field.js";
import { FormTextAreaField } from "./form-text-area-field.js";
import { FormTextField } from "./form-text-field.js";
import { RefundPolicyNote } from "./refund-policy-note.js";
import { ServerErrorAlert } from "./server-error-alert.js";

export interface BookingFormProps {
  resource: ResourceOutput;
  slot: Slot;
  user: UserOutput;
  onBooked: (booking: BookingOutput) => void;
  /**
   * The slot can no longer be booked: taken by someone else (SLOT_TAKEN), or no longer offered (its
   * notice window closed). The page refreshes the free times and says so.
   */
  onSlotGone: (reason: "taken" | "unavailable") => void;
}

// The fields a server issue can be shown beside; anything else goes into the alert.
const fieldPaths = new Set<string>(["attendee.name", "attendee.email", "attendee.phone", "seats", "notes"]);
const isFieldPath = (path: string): path is FieldPath<CreateBookingInput> => fieldPaths.has(path);

/**
 * The browser's IANA zone, which messages about the booking show the time in as well; left out should the
 * browser report something the server would not take (an old engine's "Etc/Unknown"), rather than block booking.
 */
function attendeeTimeZone(): string | undefined {
  const zone = viewerTimeZone();
  return isIanaZone(zone) ? zone : undefined;
}

/**
 * Who the booking is for, for the chosen slot. It validates with the server's own `createBookingInput`
 * (attendee fields nested under `attendee`, as the server expects them), prefilled from the account,
 * so most people only press the button.
 */
export function BookingForm({ resource, slot, user, onBooked, onSlotGone }: BookingFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({
    resolver: zodResolver(createBookingInput),
    defaultValues: {
      resourceId: resource.id,
      start: slot.start,
      seats: 1,
      attendee: { name: user.username, email: user.email, phone: undefined, smsOptIn: false, timeZone: attendeeTimeZone() },
      notes: "",
    },
    mode: "onTouched",
  });
  const { getValues, setValue } = form;

  // The form stays as it is when another slot is picked; only the time changes.
  useEffect(() => {
    setValue("start", slot.start);
  }, [setValue, slot.start]);

  // SMS need a number: the box is disabled without one, and a number taken away takes the choice with it,
  // so a ticked box can never be stuck out of reach.
  const hasPhone = (form.watch("attendee.phone") ?? "").trim() !== "";
  useEffect(() => {
    if (!hasPhone && getValues("attendee.smsOptIn")) setValue("attendee.smsOptIn", false);
  }, [hasPhone, getValues, setValue]);

  const book = useMutation(
    trpc.bookings.create.mutationOptions({
      async onSuccess(booking) {
        queryClient.setQueryData(trpc.bookings.get.queryKey({ id: booking.id }), booking);
        // The slot has fewer seats now, and the booking belongs in "My bookings".
        await Promise.all([
          queryClient.invalidateQueries(trpc.resources.availability.pathFilter()),
          queryClient.invalidateQueries(trpc.resources.availabilityDays.pathFilter()),
          queryClient.invalidateQueries(trpc.bookings.list.pathFilter()),
        ]);
        onBooked(booking);
      },
      onError(error) {
        const serverError = readServerError(error);
        if (serverError.code === "SLOT_TAKEN") return onSlotGone("taken");
        // Booked by this person already (another tab): the form stays, with what was typed, and says so; their
        // list is read afresh, so the alert can link the booking this page has not heard of.
        if (serverError.code === "ALREADY_BOOKED") return void queryClient.invalidateQueries(trpc.bookings.list.pathFilter());
        // The page thought the address confirmed (an old viewer): read it again, and the page asks to confirm.
        if (serverError.code === "EMAIL_NOT_VERIFIED") return void queryClient.invalidateQueries(trpc.auth.viewer.pathFilter());
        if (serverError.issues.some((issue) => issue.path === "start")) return onSlotGone("unavailable");
        let focusedFirst = false;
        for (const issue of serverError.issues) {
          if (!isFieldPath(issue.path)) continue;
          form.setError(issue.path, { type: "server", message: issue.message }, { shouldFocus: !focusedFirst });
          focusedFirst = true;
        }
      },
    }),
  );

  // An answer about the previous slot (you already booked it) no longer applies to another one.
  const { reset: forgetAnswer } = book;
  useEffect(() => {
    if (slot.start) forgetAnswer();
  }, [slot.start, forgetAnswer]);

  const serverError = book.isError ? readServerError(book.error) : null;
  const goneElsewhere = serverError?.code === "SLOT_TAKEN" || serverError?.issues.some((issue) => issue.path === "start");
  const alreadyBooked = serverError?.code === "ALREADY_BOOKED";
  const showAlert =
    serverError !== null && !goneElsewhere && !alreadyBooked && !serverError.issues.some((issue) => isFieldPath(issue.path));
  // Subscribed: the zone and 12/24-hour clock can change on this page, in the picker above.
  const { timeZone: viewerZone, hourCycle } = useTimePreferences();
  const seats = form.watch("seats") ?? 1;

  return (
    // The zone is read at sending: it may have been changed in the picker since the form opened. Messages about
    // the booking use the same zone and 12/24-hour clock as the page.
    <Form
      onSubmit={form.handleSubmit((values) =>
        book.mutate({ ...values, attendee: { ...values.attendee, timeZone: attendeeTimeZone() }, attendeeHourCycle: hourCycle }),
      )}
    >
      <div className="rounded-xl bg-stone-50 p-4 text-sm">
        <p className="font-medium text-stone-900">{formatDateTimeRange(slot.start, slot.end)}</p>
        {resource.timeZone === viewerZone ? null : (
          <p className="mt-0.5 text-stone-600">
            {formatDateTimeRange(slot.start, slot.end, resource.timeZone)} in {resource.timeZone.replaceAll("_", " ")}
          </p>
        )}
        <p className="mt-2 text-stone-600">
          {resource.price.amount === 0
            ? "Free"
            : `${formatPrice({ amount: resource.price.amount * (Number.isInteger(seats) && seats > 0 ? seats : 1), currency: resource.price.currency })}, paid online on the next page`}
        </p>
      </div>

      {alreadyBooked ? <AlreadyBookedAlert resourceId={resource.id} slot={slot} /> : null}
      {showAlert ? (
        <ServerErrorAlert title="We couldn't book this slot" error={serverError}>
          {serverError.code === "SERVICE_UNAVAILABLE" ? (
            <p className="mt-1">Nothing was booked. Online payment is unavailable at the moment; please try again later.</p>
          ) : null}
        </ServerErrorAlert>
      ) : null}

      <div className="grid gap-5 sm:grid-cols-2">
        <FormTextField control={form.control} name="attendee.name" label="Name" autoComplete="name" isRequired />
        <FormTextField
          control={form.control}
          name="attendee.email"
          label="Email"
          type="email"
          autoComplete="email"
          autoCapitalize="none"
          isRequired
        />
        <div className="flex flex-col gap-3">
          <FormTextField
            control={form.control}
            name="attendee.phone"
            label="Phone (optional)"
            type="tel"
            autoComplete="tel"
            description="International format, e.g. +4915112345678."
            emptyAsUndefined
          />
          <Controller
            control={form.control}
            name="attendee.smsOptIn"
            render={({ field }) => (
              <Checkbox
                isSelected={field.value === true}
                onChange={field.onChange}
                onBlur={field.onBlur}
                name={field.name}
                isDisabled={!hasPhone}
              >
                Send me the confirmation and a reminder by SMS
              </Checkbox>
            )}
          />
        </div>
        {resource.capacity > 1 ? (
          <FormNumberField
            control={form.control}
            name="seats"
            label="Seats"
            minValue={1}
            maxValue={Math.min(resource.capacity, slot.seatsLeft)}
            description={`Up to ${Math.min(resource.capacity, slot.seatsLeft)} for this slot.`}
            isRequired
          />
        ) : null}
      </div>
      <FormTextAreaField control={form.control} name="notes" label="Notes" description="Anything we should know? Optional." />

      {resource.price.amount > 0 ? (
        <>
          <Alert tone="info" title="You pay on the next page">
            <p>
              Booking holds the slot for you and takes you to the payment page. If the payment isn't made in time, the hold ends
              and the slot is released.
            </p>
          </Alert>
          <RefundPolicyNote freeCancellationUntil={freeCancellationUntil(slot.start, resource.freeCancellationHours)} />
        </>
      ) : null}

      <Button type="submit" size="large" isPending={book.isPending} pendingLabel="Booking…" className="self-start">
        {resource.price.amount > 0 ? "Book and pay" : "Book this slot"}
      </Button>
    </Form>
  );
}
