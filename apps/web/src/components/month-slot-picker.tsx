import { isIanaZone, type ResourceOutput } from "@bookable/validators";
import { type CalendarDate, parseDate, startOfMonth, today } from "@internationalized/date";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { monthWindow } from "../lib/calendar-windows.js";
import { describeTimeZone } from "../lib/describe-time-zone.js";
import { findNextFreeDay } from "../lib/find-next-free-day.js";
import { readServerError } from "../lib/read-server-error.js";
import type { Slot } from "../lib/slot.js";
import { useTimePreferences } from "../lib/time-preferences.js";
import { useTRPC } from "../lib/trpc.js";
import { Button } from "./button.js";
import { DaySlotList } from "./day-slot-list.js";
import { FreeDaysCalendar } from "./free-days-calendar.js";
import { LoadingState } from "./loading-state.js";
import { ServerErrorAlert } from "./server-error-alert.js";
import { TimePreferencesControls } from "./time-preferences-controls.js";

export interface MonthSlotPickerProps {
  resource: ResourceOutput;
  /** The start of the chosen slot, shown pressed. */
  selectedStart: string | null;
  onSelect: (slot: Slot) => void;
  /** When given, full times are listed under the free ones, each offering its waitlist (issue 15). */
  onJoinWaitlist?: ((slot: Slot) => void) | undefined;
}

// A month's summary is read by the search for the next free date and again by the calendar a moment later;
// within this time the second read is the first one's answer. Bookings made here invalidate it at once.
const MONTH_FRESH_MS = 10_000;

const longDate = new Intl.DateTimeFormat(undefined, { dateStyle: "long", timeZone: "UTC" });

/**
 * A month calendar with the dates that have free slots marked, beside the chosen date's times. It opens on
 * the next date with a free slot (looking ahead a month at a time, up to the booking horizon), and "Next
 * available" jumps to the one after. Dates are the viewer's own, as are the times: people plan in their own
 * time. The month comes from the day summary (issue 12), the times from the slots of that one date.
 */
export function MonthSlotPicker({ resource, selectedStart, onSelect, onJoinWaitlist }: MonthSlotPickerProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  // The zone the person chose (their device's until they choose); the picker draws again when it changes.
  const viewerZone = useTimePreferences().timeZone;
  // The server cuts dates in the zone it is told; a browser reporting a zone it does not know gets the resource's.
  const calendarZone = isIanaZone(viewerZone) ? viewerZone : resource.timeZone;
  // Fixed for the life of the picker, so the bounds do not shift while someone looks.
  const [firstDay] = useState(() => today(calendarZone));
  const lastDay = firstDay.add({ days: resource.horizonDays });
  const [chosen, setChosen] = useState<CalendarDate | null>(null);
  const [focused, setFocused] = useState<CalendarDate | null>(null);

  const monthQuery = (month: CalendarDate) =>
    trpc.resources.availabilityDays.queryOptions({
      id: resource.id,
      ...monthWindow(month, calendarZone),
      timeZone: calendarZone,
    });
  const readMonth = (month: CalendarDate) => queryClient.fetchQuery({ ...monthQuery(month), staleTime: MONTH_FRESH_MS });

  const opening = useQuery({
    queryKey: ["next-free-day", resource.id, calendarZone, firstDay.toString()],
    queryFn: async () => (await findNextFreeDay(firstDay, lastDay, readMonth))?.toString() ?? null,
    refetchOnWindowFocus: false,
  });
  const day = chosen ?? (opening.data ? parseDate(opening.data) : null);
  const focusedValue = focused ?? day ?? firstDay;
  const month = useQuery({ ...monthQuery(focusedValue), staleTime: MONTH_FRESH_MS, enabled: opening.isSuccess });
  const freeSlotsByDate = new Map(month.data?.days.map((entry) => [entry.date, entry.freeSlots]));
  const fullSlotsByDate = new Map(month.data?.days.map((entry) => [entry.date, entry.fullSlots]));
  const monthIsEmpty = month.isSuccess && month.data.days.every((entry) => entry.freeSlots === 0);

  const nextAvailable = useMutation({
    // After the chosen date, or from the month on show when that is later (it may be an empty one).
    mutationFn: () => {
      const afterChosen = day ? day.add({ days: 1 }) : firstDay;
      const monthShown = startOfMonth(focusedValue);
      return findNextFreeDay(afterChosen.compare(monthShown) >= 0 ? afterChosen : monthShown, lastDay, readMonth);
    },
    onSuccess: (found) => {
      if (!found) return;
      setChosen(found);
      setFocused(found);
    },
  });
  const choose = (date: CalendarDate) => {
    setChosen(date);
    nextAvailable.reset();
  };
  const showMonthOf = (date: CalendarDate) => {
    setFocused(date);
    nextAvailable.reset();
  };

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <div className="flex flex-col gap-2">
        <h2 id={headingId} className="text-xl font-semibold tracking-tight text-stone-900">
          Pick a time
        </h2>
        <p className="text-sm text-stone-600">
          Dates and times are in {calendarZone === viewerZone ? "your time zone, " : ""}
          {describeTimeZone(calendarZone)}.
          {resource.timeZone === calendarZone ? null : (
            <>
              {" "}
              {resource.name} keeps its hours in {describeTimeZone(resource.timeZone)}.
            </>
          )}
        </p>
        <TimePreferencesControls />
      </div>

      {opening.isPending ? (
        <LoadingState label="Finding the next free time…" />
      ) : opening.isError ? (
        <ServerErrorAlert
          title="We couldn't load the free times"
          error={readServerError(opening.error)}
          onRetry={() => void opening.refetch()}
        />
      ) : (
        <div className="grid items-start gap-6 md:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
          <div aria-busy={month.isFetching} className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-3">
            <FreeDaysCalendar
              freeSlotsByDate={freeSlotsByDate}
              fullSlotsByDate={fullSlotsByDate}
              value={day}
              onChange={choose}
              focusedValue={focusedValue}
              onFocusChange={showMonthOf}
              minValue={firstDay}
              maxValue={lastDay}
            />
            {month.isError ? (
              <ServerErrorAlert
                title="We couldn't load this month's free dates"
                error={readServerError(month.error)}
                onRetry={() => void month.refetch()}
              />
            ) : null}
          </div>

          <div className="flex flex-col gap-4">
            <div className="flex flex-wrap items-center gap-3">
              <Button
                variant="secondary"
                onPress={() => nextAvailable.mutate()}
                isPending={nextAvailable.isPending}
                pendingLabel="Looking ahead…"
              >
                Next available <span aria-hidden="true">→</span>
              </Button>
              <p role="status" className="text-sm text-stone-600">
                {monthIsEmpty ? "No free times this month. " : ""}
                {nextAvailable.data === null || opening.data === null
                  ? `Nothing free until ${longDate.format(lastDay.toDate("UTC"))}, as far ahead as ${resource.name} takes bookings.`
                  : ""}
              </p>
            </div>
            {nextAvailable.isError ? (
              <ServerErrorAlert title="We couldn't look further ahead" error={readServerError(nextAvailable.error)} />
            ) : null}
            {day ? (
              <DaySlotList
                resource={resource}
                day={day}
                timeZone={calendarZone}
                selectedStart={selectedStart}
                onSelect={onSelect}
                onJoinWaitlist={onJoinWaitlist}
              />
            ) : null}
          </div>
        </div>
      )}
    </section>
  );
}
