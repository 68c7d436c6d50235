import type { ResourceOutput } from "@bookable/validators";
import { currencyMinorDigits } from "@bookable/validators";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId } from "react";
import { Controller, type FieldPath, useForm } from "react-hook-form";
import { readServerError } from "../lib/read-server-error.js";
import { type ResourceSubmission, resourceFormPath, resourceFormResolver } from "../lib/resource-form-resolver.js";
import { type ResourceFormValues, resourceFormValues } from "../lib/resource-form-values.js";
import { useTRPC } from "../lib/trpc.js";
import { viewerTimeZone } from "../lib/viewer-time-zone.js";
import { Button } from "./button.js";
import { Checkbox } from "./checkbox.js";
import { Form } from "./form.js";
import { FormNumberField } from "./form-number-field.js";
import { FormTextAreaField } from "./form-text-area-field.js";
import { FormTextField } from "./form-text-field.js";
import { ServerErrorAlert } from "./server-error-alert.js";
import { WeeklyHoursEditor } from "./weekly-hours-editor.js";

export interface ResourceEditorFormProps {
  /** The resource to edit; without it, the form creates one. */
  resource?: ResourceOutput | undefined;
  onSaved: (resource: ResourceOutput) => void;
}

// Suggestions for the time-zone input. Older browsers lack supportedValuesOf; the input still takes any name.
const timeZones: readonly string[] = (() => {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : [...zones, "UTC"];
})();

/**
 * Creates or edits a resource: its description, its terms and its weekly hours. The fields are checked
 * with the server's `createResourceInput` before sending; what only the server can know (a taken slug)
 * comes back as issues and is shown beside the field it names.
 */
export function ResourceEditorForm({ resource, onSaved }: ResourceEditorFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const zoneListId = useId();
  const form = useForm<ResourceFormValues, unknown, ResourceSubmission>({
    resolver: resourceFormResolver,
    defaultValues: resourceFormValues(resource, viewerTimeZone()),
    mode: "onTouched",
  });
  const currency = form.watch("currency");

  const showIssues = (error: unknown) => {
    let focusedFirst = false;
    for (const issue of readServerError(error).issues) {
      const path = resourceFormPath(issue.path);
      if (!path) continue;
      form.setError(
        path as FieldPath<ResourceFormValues>,
        { type: "server", message: issue.message },
        { shouldFocus: !focusedFirst },
      );
      focusedFirst = true;
    }
  };
  const saved = async (result: ResourceOutput) => {
    queryClient.setQueryData(trpc.resources.get.queryKey({ id: result.id }), result);
    await Promise.all([
      queryClient.invalidateQueries(trpc.resources.list.pathFilter()),
      queryClient.invalidateQueries(trpc.resources.availability.pathFilter()),
    ]);
    form.reset(resourceFormValues(result));
    onSaved(result);
  };
  const create = useMutation(trpc.resources.create.mutationOptions({ onSuccess: saved, onError: showIssues }));
  const update = useMutation(trpc.resources.update.mutationOptions({ onSuccess: saved, onError: showIssues }));
  const save = resource ? update : create;

  const submit = form.handleSubmit(({ input, status }) => {
    if (resource) update.mutate({ id: resource.id, ...input, status });
    else create.mutate(input);
  });

  const serverError = save.isError ? readServerError(save.error) : null;
  const unplacedIssues = serverError?.issues.filter((issue) => !resourceFormPath(issue.path)) ?? [];
  const showAlert = serverError !== null && (serverError.issues.length === 0 || unplacedIssues.length > 0);

  return (
    <Form onSubmit={submit} className="gap-8">
      {showAlert ? (
        <ServerErrorAlert
          title={resource ? "We couldn't save the resource" : "We couldn't create the resource"}
          error={serverError}
        >
          {unplacedIssues.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {unplacedIssues.map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
              ))}
            </ul>
          ) : null}
        </ServerErrorAlert>
      ) : null}

      <Section title="About">
        <div className="grid gap-5 sm:grid-cols-2">
          <FormTextField control={form.control} name="name" label="Name" isRequired />
          <FormTextField
            control={form.control}
            name="slug"
            label="Slug"
            description={resource ? "Used in links." : "Used in links; leave empty to make one from the name."}
            autoCapitalize="none"
            spellCheck="false"
          />
        </div>
        <FormTextAreaField control={form.control} name="description" label="Description" rows={4} />
        <FormTextField
          control={form.control}
          name="location"
          label="Location"
          description="Where to find it, e.g. Building B, second floor."
        />
        <FormTextField
          control={form.control}
          name="timeZone"
          label="Time zone"
          description="The opening hours below are in this zone, e.g. Europe/Berlin."
          list={zoneListId}
          autoCapitalize="none"
          spellCheck="false"
          isRequired
        />
        <datalist id={zoneListId}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </Section>

      <Section title="Slots, seats and price">
        <div className="grid gap-5 sm:grid-cols-2">
          <FormNumberField control={form.control} name="slotMinutes" label="Slot length (minutes)" minValue={5} isRequired />
          <FormNumberField control={form.control} name="capacity" label="Seats per slot" minValue={1} isRequired />
          <FormNumberField
            control={form.control}
            name="priceMajor"
            label="Price per seat"
            description="0 means free."
            minValue={0}
            formatOptions={{ minimumFractionDigits: 0, maximumFractionDigits: currencyMinorDigits(currency) }}
          />
          <FormTextField
            control={form.control}
            name="currency"
            label="Currency"
            description="Three-letter code, e.g. EUR."
            autoCapitalize="characters"
            spellCheck="false"
          />
        </div>
      </Section>

      <Section title="Booking rules">
        <div className="grid gap-5 sm:grid-cols-2">
          <FormNumberField
            control={form.control}
            name="bufferBeforeMinutes"
            label="Buffer before (minutes)"
            description="Kept free before each booking."
            minValue={0}
          />
          <FormNumberField
            control={form.control}
            name="bufferAfterMinutes"
            label="Buffer after (minutes)"
            description="Kept free after each booking."
            minValue={0}
          />
          <FormNumberField
            control={form.control}
            name="minNoticeMinutes"
            label="Minimum notice (minutes)"
            description="How long before its start a slot can still be booked."
            minValue={0}
          />
          <FormNumberField
            control={form.control}
            name="horizonDays"
            label="Booking horizon (days)"
            description="How far ahead slots can be booked."
            minValue={1}
          />
          <FormNumberField
            control={form.control}
            name="freeCancellationHours"
            label="Free cancellation (hours)"
            description="Cancelling is free until this many hours before the start."
            minValue={0}
          />
          <FormNumberField
            control={form.control}
            name="reminderMinutesBefore"
            label="Reminder (minutes before)"
            description="How long before the start the reminder goes out; 0 sends no reminder."
            minValue={0}
          />
        </div>
      </Section>

      <Section title="Weekly hours">
        <WeeklyHoursEditor control={form.control} errors={form.formState.errors.weeklyHours} />
      </Section>

      {resource ? (
        <Controller
          control={form.control}
          name="archived"
          render={({ field }) => (
            <Checkbox isSelected={field.value} onChange={field.onChange} onBlur={field.onBlur} name={field.name}>
              Archived: takes no new bookings and is hidden from the list (existing bookings stay)
            </Checkbox>
          )}
        />
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" isPending={save.isPending} pendingLabel="Saving…">
          {resource ? "Save changes" : "Create resource"}
        </Button>
      </div>
    </Form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-5">
      <h2 id={headingId} className="border-b border-stone-200 pb-2 text-base font-semibold text-stone-900">
        {title}
      </h2>
      {children}
    </section>
  );
}
