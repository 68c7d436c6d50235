import { type Control, type FieldErrors, useFieldArray, useWatch } from "react-hook-form";
import { laterTime } from "../lib/later-time.js";
import type { ResourceSubmission } from "../lib/resource-form-resolver.js";
import type { ResourceFormValues } from "../lib/resource-form-values.js";
import { weekdayName } from "../lib/weekday-name.js";
import { Button } from "./button.js";
import { FormTextField } from "./form-text-field.js";

export interface WeeklyHoursEditorProps {
  control: Control<ResourceFormValues, unknown, ResourceSubmission>;
  errors: FieldErrors<ResourceFormValues>["weeklyHours"];
}

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * Opening hours per weekday, several intervals a day (a lunch break is two intervals). The intervals
 * stay one flat list in the form, in the order the server gets them, so a server issue such as
 * "weeklyHours.3.end" lands on the very input it names; they are only grouped by day on screen.
 */
export function WeeklyHoursEditor({ control, errors }: WeeklyHoursEditorProps) {
  const { fields, append, remove } = useFieldArray({ control, name: "weeklyHours" });
  const values = useWatch({ control, name: "weeklyHours" });
  const listError = errors?.root?.message ?? errors?.message;

  const addInterval = (weekday: number) => {
    const last = values.filter((interval) => interval.weekday === weekday).at(-1);
    if (!last) return append({ weekday, start: "09:00", end: "17:00" });
    append({ weekday, start: last.end, end: laterTime(last.end, 60) });
  };

  return (
    <div className="flex flex-col gap-3">
      {listError ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {listError}
        </p>
      ) : null}
      {weekdays.map((weekday) => {
        const day = weekdayName(weekday);
        const intervals = fields.map((field, index) => ({ field, index })).filter(({ field }) => field.weekday === weekday);
        return (
          <fieldset
            key={weekday}
            className="grid gap-3 border-b border-stone-100 pb-3 last:border-b-0 sm:grid-cols-[8rem_1fr] sm:items-start"
          >
            <legend className="float-left pt-2 text-sm font-medium text-stone-800">{day}</legend>
            <div className="flex flex-col gap-2">
              {intervals.length === 0 ? <p className="pt-2 text-sm text-stone-500">Closed</p> : null}
              {intervals.map(({ field, index }, position) => (
                <div key={field.id} className="flex flex-wrap items-start gap-2">
                  <FormTextField
                    control={control}
                    name={`weeklyHours.${index}.start`}
                    label={`${day}, hours ${position + 1}, opens at`}
                    hideLabel
                    placeholder="09:00"
                    className="max-w-60"
                    inputClassName="w-28"
                  />
                  <span aria-hidden="true" className="pt-2 text-stone-500">
                    –
                  </span>
                  <FormTextField
                    control={control}
                    name={`weeklyHours.${index}.end`}
                    label={`${day}, hours ${position + 1}, closes at`}
                    hideLabel
                    placeholder="17:00"
                    className="max-w-60"
                    inputClassName="w-28"
                  />
                  <Button variant="quiet" aria-label={`Remove ${day} hours ${position + 1}`} onPress={() => remove(index)}>
                    Remove
                  </Button>
                </div>
              ))}
              <div>
                <Button variant="quiet" aria-label={`Add hours on ${day}`} onPress={() => addInterval(weekday)}>
                  <span aria-hidden="true">+</span> Add hours
                </Button>
              </div>
            </div>
          </fieldset>
        );
      })}
      <p className="text-sm text-stone-500">24-hour HH:MM in the resource's time zone; 24:00 closes at midnight.</p>
    </div>
  );
}
