import type { ResourceOutput } from "@bookable/validators";
import type { CalendarDate } from "@internationalized/date";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { ToggleButton } from "react-aria-components";
import { dayWindow } from "../lib/calendar-windows.js";
import { classNames } from "../lib/class-names.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { readServerError } from "../lib/read-server-error.js";
import type { Slot } from "../lib/slot.js";
import { useTimePreferences } from "../lib/time-preferences.js";
import { useTRPC } from "../lib/trpc.js";
import { FullSlotList } from "./full-slot-list.js";
import { ServerErrorAlert } from "./server-error-alert.js";

export interface DaySlotListProps {
  resource: ResourceOutput;
  day: CalendarDate;
  /** The zone the date is a date of, and the times are shown in. */
  timeZone: string;
  /** The start of the chosen slot, shown pressed. */
  selectedStart: string | null;
  onSelect: (slot: Slot) => void;
  /** When given, the date's full times are listed too, each offering its waitlist (issue 15). */
  onJoinWaitlist?: ((slot: Slot) => void) | undefined;
}

const dayHeadingFormats = new Map<string, Intl.DateTimeFormat>();
function dayHeading(day: CalendarDate, timeZone: string): string {
  let format = dayHeadingFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", timeZone });
    dayHeadingFormats.set(timeZone, format);
  }
  return format.format(day.toDate(timeZone));
}

/**
 * The free times of one date, read from the slots endpoint for that date alone. Asked again whenever it
 * is shown (cached times show meanwhile, marked aria-busy), since everyone's bookings change them.
 */
export function DaySlotList({ resource, day, timeZone, selectedStart, onSelect, onJoinWaitlist }: DaySlotListProps) {
  const trpc = useTRPC();
  const headingId = useId();
  // Subscribed so the times are drawn again on the chosen 12/24-hour clock.
  useTimePreferences();
  const availability = useQuery({
    ...trpc.resources.availability.queryOptions({ id: resource.id, ...dayWindow(day, timeZone) }),
    staleTime: 0,
  });
  const showSeats = resource.capacity > 1;

  return (
    <section aria-labelledby={headingId} aria-busy={availability.isFetching} className="flex flex-col gap-3">
      <h3 id={headingId} className="text-base font-semibold text-stone-900">
        {dayHeading(day, timeZone)}
      </h3>
      {availability.isPending ? (
        <div className="grid grid-cols-3 gap-2">
          <span className="sr-only">Loading free times…</span>
          {[0, 1, 2, 3, 4, 5].map((placeholder) => (
            <div
              key={placeholder}
              aria-hidden="true"
              className="h-10 animate-pulse rounded-lg bg-stone-200/70 motion-reduce:animate-none"
            />
          ))}
        </div>
      ) : availability.isError ? (
        <ServerErrorAlert
          title="We couldn't load the free times"
          error={readServerError(availability.error)}
          onRetry={() => void availability.refetch()}
        />
      ) : availability.data.slots.length === 0 ? (
        <p className="text-sm text-stone-600">No free times on this day.</p>
      ) : (
        <ul className="grid grid-cols-3 gap-2">
          {availability.data.slots.map((slot) => (
            <li key={slot.start}>
              <ToggleButton
                isSelected={slot.start === selectedStart}
                onChange={() => onSelect(slot)}
                className={({ isSelected, isFocusVisible }) =>
                  classNames(
                    "group flex w-full flex-wrap items-center justify-between gap-x-2 rounded-lg border px-3 py-2 text-sm font-medium tabular-nums transition-colors",
                    "outline-none",
                    isFocusVisible && "outline-2 outline-offset-2 outline-accent-600",
                    isSelected
                      ? "border-accent-700 bg-accent-700 text-white"
                      : "border-stone-300 bg-white text-stone-800 hover:border-accent-600 hover:bg-accent-50",
                  )
                }
              >
                <time dateTime={slot.start}>{formatDateTime(slot.start, "time", timeZone)}</time>
                {showSeats ? (
                  // Full white on the chosen time: a dimmed white on the accent falls short of 4.5:1 contrast.
                  <span className="text-xs font-normal text-stone-600 group-data-selected:text-white">
                    {slot.seatsLeft === 1 ? "1 seat left" : `${slot.seatsLeft} seats left`}
                  </span>
                ) : null}
              </ToggleButton>
            </li>
          ))}
        </ul>
      )}
      {onJoinWaitlist ? <FullSlotList resource={resource} day={day} timeZone={timeZone} onJoinWaitlist={onJoinWaitlist} /> : null}
    </section>
  );
}
