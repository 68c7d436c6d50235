import { type ResourceOutput, setDateOverrideInput } from "@bookable/validators";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Controller, type FieldPath, useFieldArray, useForm } from "react-hook-form";
import type { z } from "zod";
import { readServerError } from "../lib/read-server-error.js";
import { useTRPC } from "../lib/trpc.js";
import { Badge } from "./badge.js";
import { Button } from "./button.js";
import { Card } from "./card.js";
import { Checkbox } from "./checkbox.js";
import { Form } from "./form.js";
import { FormTextField } from "./form-text-field.js";
import { LoadingState } from "./loading-state.js";
import { ServerErrorAlert } from "./server-error-alert.js";

export interface DateOverridesEditorProps {
  resource: ResourceOutput;
}

type OverrideFormValues = z.input<typeof setDateOverrideInput>;

// Override dates are calendar dates in the resource's zone, not instants: formatted as UTC so no zone shifts them.
const calendarDateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const formatCalendarDate = (date: string) => {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : calendarDateFormat.format(parsed);
};

/**
 * Dates that differ from the weekly hours: closed for a holiday, or open at other times. Saving a
 * date that already has an override replaces it, as the server does.
 */
export function DateOverridesEditor({ resource }: DateOverridesEditorProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overrides = useQuery(trpc.resources.overrides.queryOptions({ id: resource.id }));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.resources.overrides.queryFilter({ id: resource.id })),
      queryClient.invalidateQueries(trpc.resources.availability.pathFilter()),
    ]);

  const form = useForm({
    resolver: zodResolver(setDateOverrideInput),
    defaultValues: { id: resource.id, date: "", closed: true, hours: [] } satisfies OverrideFormValues,
    mode: "onTouched",
  });
  const hours = useFieldArray({ control: form.control, name: "hours" });
  const closed = form.watch("closed");

  const save = useMutation(
    trpc.resources.setOverride.mutationOptions({
      async onSuccess() {
        form.reset({ id: resource.id, date: "", closed: true, hours: [] });
        await refresh();
      },
      onError(error) {
        for (const issue of readServerError(error).issues) {
          if (issue.path === "date" || issue.path === "hours" || /^hours\.\d+\.(start|end)$/.test(issue.path)) {
            form.setError(issue.path as FieldPath<OverrideFormValues>, { type: "server", message: issue.message });
          }
        }
      },
    }),
  );
  const remove = useMutation(trpc.resources.deleteOverride.mutationOptions({ onSettled: refresh }));

  let list: ReactNode;
  if (overrides.isPending) {
    list = <LoadingState label="Loading date overrides…" />;
  } else if (overrides.isError) {
    list = (
      <ServerErrorAlert
        title="We couldn't load the date overrides"
        error={readServerError(overrides.error)}
        onRetry={() => void overrides.refetch()}
      />
    );
  } else if (overrides.data.items.length === 0) {
    list = <p className="text-sm text-stone-500">No date overrides: every date follows the weekly hours.</p>;
  } else {
    list = (
      <ul aria-label="Date overrides" className="-my-2 divide-y divide-stone-100">
        {overrides.data.items.map((override) => {
          const label = formatCalendarDate(override.date);
          return (
            <li key={override.date} className="flex flex-wrap items-center gap-3 py-2">
              <span className="w-44 font-medium text-stone-900">
                <time dateTime={override.date}>{label}</time>
              </span>
              <span className="flex-1 text-sm text-stone-700">
                {override.closed ? (
                  <Badge>Closed</Badge>
                ) : (
                  override.hours.map((interval) => `${interval.start}–${interval.end}`).join(", ")
                )}
              </span>
              <Button
                variant="quiet"
                aria-label={`Delete override on ${label}`}
                onPress={() => remove.mutate({ id: resource.id, date: override.date })}
                isPending={remove.isPending && remove.variables?.date === override.date}
                pendingLabel="Deleting…"
              >
                Delete
              </Button>
            </li>
          );
        })}
      </ul>
    );
  }

  const saveError = save.isError ? readServerError(save.error) : null;
  const hoursError = form.formState.errors.hours?.root?.message ?? form.formState.errors.hours?.message;

  return (
    <Card title="Date overrides" description={`Holidays and special hours, in ${resource.timeZone.replaceAll("_", " ")}.`}>
      <div className="flex flex-col gap-6">
        {list}
        {remove.isError ? (
          <ServerErrorAlert title="We couldn't delete the override" error={readServerError(remove.error)} />
        ) : null}

        <Form
          onSubmit={form.handleSubmit((values) => save.mutate(values))}
          className="rounded-xl border border-stone-200 bg-stone-50 p-4"
          aria-label="Add a date override"
        >
          <h3 className="text-sm font-semibold text-stone-900">Add a date</h3>
          {saveError && saveError.issues.length === 0 ? (
            <ServerErrorAlert title="We couldn't save the date" error={saveError} />
          ) : null}
          <FormTextField control={form.control} name="date" label="Date" type="date" className="sm:w-56" isRequired />
          <Controller
            control={form.control}
            name="closed"
            render={({ field }) => (
              <Checkbox
                isSelected={field.value}
                name={field.name}
                onBlur={field.onBlur}
                onChange={(isClosed) => {
                  field.onChange(isClosed);
                  // An open date needs hours; offer a usual day to edit rather than an empty list.
                  if (!isClosed && hours.fields.length === 0) hours.append({ start: "09:00", end: "17:00" });
                }}
              >
                Closed all day
              </Checkbox>
            )}
          />
          {closed ? null : (
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-2 text-sm font-medium text-stone-800">Open at</legend>
              {hoursError ? (
                <p role="alert" className="text-sm font-medium text-red-700">
                  {hoursError}
                </p>
              ) : null}
              {hours.fields.map((field, index) => (
                <div key={field.id} className="flex flex-wrap items-start gap-2">
                  <FormTextField
                    control={form.control}
                    name={`hours.${index}.start`}
                    label={`Hours ${index + 1}, opens at`}
                    hideLabel
                    placeholder="09:00"
                    className="max-w-60"
                    inputClassName="w-28"
                  />
                  <span aria-hidden="true" className="pt-2 text-stone-500">
                    –
                  </span>
                  <FormTextField
                    control={form.control}
                    name={`hours.${index}.end`}
                    label={`Hours ${index + 1}, closes at`}
                    hideLabel
                    placeholder="17:00"
                    className="max-w-60"
                    inputClassName="w-28"
                  />
                  <Button variant="quiet" aria-label={`Remove hours ${index + 1}`} onPress={() => hours.remove(index)}>
                    Remove
                  </Button>
                </div>
              ))}
              <div>
                <Button variant="quiet" onPress={() => hours.append({ start: "09:00", end: "17:00" })}>
                  <span aria-hidden="true">+</span> Add hours
                </Button>
              </div>
            </fieldset>
          )}
          <Button type="submit" variant="secondary" className="self-start" isPending={save.isPending} pendingLabel="Saving…">
            Save date
          </Button>
        </Form>
      </div>
    </Card>
  );
}
