import type { ResourceOutput } from "@bookable/validators";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ToggleButton } from "react-aria-components";
import { addDays } from "../lib/add-days.js";
import { classNames } from "../lib/class-names.js";
import { describeTimeZone } from "../lib/describe-time-zone.js";
import { formatDateTime } from "../lib/format-date-time.js";
import { localDateKey } from "../lib/local-date-key.js";
import { readServerError } from "../lib/read-server-error.js";
import { startOfWeek } from "../lib/start-of-week.js";
import { useTRPC } from "../lib/trpc.js";
import { viewerTimeZone } from "../lib/viewer-time-zone.js";
import { Button } from "./button.js";
import { ServerErrorAlert } from "./server-error-alert.js";

export interface Slot {
  /** UTC instant, as the server sends it; also what a booking is made with. */
  start: string;
  end: string;
  seatsLeft: number;
}

export interface WeekSlotPickerProps {
  resource: ResourceOutput;
  /** The start of the chosen slot, highlighted wherever it appears. */
  selectedStart: string | null;
  onSelect: (slot: Slot) => void;
}

const DAY_MILLISECONDS = 24 * 60 * 60 * 1000;
const weekRangeFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

/**
 * A week of free slots, Monday to Sunday on the viewer's own calendar and clock: people plan in their
 * own time, and the server sends UTC instants, so the days are cut here, in the browser's zone. The
 * resource's zone is named too when it differs, since its opening hours are set in it. Weeks before
 * this one and beyond the booking horizon cannot be reached; there is nothing to book there.
 */
export function WeekSlotPicker({ resource, selectedStart, onSelect }: WeekSlotPickerProps) {
  const trpc = useTRPC();
  const headingId = useId();
  // Fixed for the life of the picker, so the week bounds do not shift while someone looks.
  const [now] = useState(() => new Date());
  const firstWeek = startOfWeek(now);
  const [weekStart, setWeekStart] = useState(firstWeek);
  const weekEnd = addDays(weekStart, 7);
  const horizonEnd = new Date(now.getTime() + resource.horizonDays * DAY_MILLISECONDS);
  const canGoBack = weekStart.getTime() > firstWeek.getTime();
  const canGoForward = weekEnd.getTime() < horizonEnd.getTime();

  // Free times change with everyone's bookings: whenever the picker is shown it asks again (cached times
  // show meanwhile, marked aria-busy until the fresh answer is in), rather than trusting a copy that a
  // booking or cancellation may have outdated.
  const availability = useQuery({
    ...trpc.resources.availability.queryOptions({ id: resource.id, from: weekStart.toISOString(), to: weekEnd.toISOString() }),
    staleTime: 0,
  });

  const days = Array.from({ length: 7 }, (_, index) => addDays(weekStart, index));
  const slotsByDay = new Map<string, Slot[]>();
  for (const slot of availability.data?.slots ?? []) {
    const key = localDateKey(new Date(slot.start));
    const daySlots = slotsByDay.get(key);
    if (daySlots) daySlots.push(slot);
    else slotsByDay.set(key, [slot]);
  }
  const viewerZone = viewerTimeZone();
  const weekLabel = weekRangeFormat.formatRange(weekStart, addDays(weekStart, 6));

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h2 id={headingId} className="text-xl font-semibold tracking-tight text-stone-900">
          Pick a time
        </h2>
        <p className="text-sm text-stone-600">
          Times are in your time zone, {describeTimeZone(viewerZone, weekStart)}.
          {resource.timeZone === viewerZone ? null : (
            <>
              {" "}
              {resource.name} keeps its hours in {describeTimeZone(resource.timeZone, weekStart)}.
            </>
          )}
        </p>
      </div>

      <div className="flex items-center justify-between gap-3">
        <Button variant="secondary" onPress={() => setWeekStart(addDays(weekStart, -7))} isDisabled={!canGoBack}>
          <span aria-hidden="true">←</span> Previous<span className="sr-only sm:not-sr-only">{" week"}</span>
        </Button>
        {/* Announced when the week changes, so a screen reader knows where the buttons led. */}
        <p aria-live="polite" className="text-center text-sm font-medium text-stone-800">
          {weekLabel}
        </p>
        <Button variant="secondary" onPress={() => setWeekStart(addDays(weekStart, 7))} isDisabled={!canGoForward}>
          Next<span className="sr-only sm:not-sr-only">{" week"}</span> <span aria-hidden="true">→</span>
        </Button>
      </div>

      {availability.isError ? (
        <ServerErrorAlert
          title="We couldn't load the free times"
          error={readServerError(availability.error)}
          onRetry={() => void availability.refetch()}
        />
      ) : (
        <div className="grid gap-3 sm:grid-cols-2 md:grid-cols-4 lg:grid-cols-7" aria-busy={availability.isFetching}>
          {availability.isPending ? <span className="sr-only">Loading free times…</span> : null}
          {days.map((day) => (
            <DayColumn
              key={day.getTime()}
              day={day}
              isToday={localDateKey(day) === localDateKey(now)}
              slots={availability.isPending ? null : (slotsByDay.get(localDateKey(day)) ?? [])}
              showSeats={resource.capacity > 1}
              selectedStart={selectedStart}
              onSelect={onSelect}
            />
          ))}
        </div>
      )}
      {availability.isSuccess && availability.data.slots.length === 0 && canGoForward ? (
        <p className="text-sm text-stone-600">Nothing free this week. Try the next one.</p>
      ) : null}
    </section>
  );
}

interface DayColumnProps {
  day: Date;
  isToday: boolean;
  /** null while loading. */
  slots: Slot[] | null;
  showSeats: boolean;
  selectedStart: string | null;
  onSelect: (slot: Slot) => void;
}

function DayColumn({ day, isToday, slots, showSeats, selectedStart, onSelect }: DayColumnProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2 rounded-xl border border-stone-200 bg-white p-3">
      <h3 id={headingId} className="text-sm font-semibold text-stone-900">
        {formatDateTime(day, "dayHeading")}
        {isToday ? <span className="ml-1.5 font-normal text-accent-700">(today)</span> : null}
      </h3>
      {slots === null ? (
        <div aria-hidden="true" className="flex flex-col gap-2">
          {[0, 1, 2].map((placeholder) => (
            <div key={placeholder} className="h-9 animate-pulse rounded-lg bg-stone-200/70 motion-reduce:animate-none" />
          ))}
        </div>
      ) : slots.length === 0 ? (
        <p className="py-1 text-sm text-stone-500">No free slots</p>
      ) : (
        <ul className="flex flex-col gap-1.5">
          {slots.map((slot) => (
            <li key={slot.start}>
              <ToggleButton
                isSelected={slot.start === selectedStart}
                onChange={() => onSelect(slot)}
                className={({ isSelected, isFocusVisible }) =>
                  classNames(
                    "flex w-full flex-wrap items-center justify-between gap-x-2 rounded-lg border px-3 py-2 text-sm font-medium tabular-nums transition-colors",
                    "outline-none",
                    isFocusVisible && "outline-2 outline-offset-2 outline-accent-600",
                    isSelected
                      ? "border-accent-700 bg-accent-700 text-white"
                      : "border-stone-300 bg-white text-stone-800 hover:border-accent-600 hover:bg-accent-50",
                  )
                }
              >
                <time dateTime={slot.start}>{formatDateTime(slot.start, "time")}</time>
                {showSeats ? (
                  <span className="text-xs font-normal opacity-80">
                    {slot.seatsLeft === 1 ? "1 seat left" : `${slot.seatsLeft} seats left`}
                  </span>
                ) : null}
              </ToggleButton>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
