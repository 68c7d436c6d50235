import type { ResourceOutput } from "@bookable/validators";
import type { CalendarDate } from "@internationalized/date";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Button as AriaButton } from "react-aria-components";
import { dayWindow } from "../lib/calendar-windows.js";
import { formatDateTime } from "../lib/format-date-time.js";
import type { Slot } from "../lib/slot.js";
import { useTRPC } from "../lib/trpc.js";

export interface FullSlotListProps {
  resource: ResourceOutput;
  day: CalendarDate;
  /** The zone the date is a date of, and the times are shown in. */
  timeZone: string;
  onJoinWaitlist: (slot: Slot) => void;
}

/**
 * The chosen date's full times, under its free ones: each one opens "join the waitlist" (issue 15). Nothing
 * is shown while they load or when none is full, so a day with free times looks as it did; a failed read
 * leaves the free times alone (the waitlist is a second choice, not the page's job).
 */
export function FullSlotList({ resource, day, timeZone, onJoinWaitlist }: FullSlotListProps) {
  const trpc = useTRPC();
  const headingId = useId();
  const full = useQuery({
    ...trpc.resources.fullSlots.queryOptions({ id: resource.id, ...dayWindow(day, timeZone) }),
    staleTime: 0,
  });
  if (!full.data || full.data.slots.length === 0) return null;

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2">
      <h4 id={headingId} className="text-sm font-semibold text-stone-900">
        Full — join the waitlist
      </h4>
      <ul className="grid grid-cols-3 gap-2">
        {full.data.slots.map((slot) => (
          <li key={slot.start}>
            <AriaButton
              onPress={() => onJoinWaitlist({ ...slot, seatsLeft: 0 })}
              className="flex w-full flex-wrap items-center justify-between gap-x-2 rounded-lg border border-dashed border-stone-300 bg-stone-50 px-3 py-2 text-sm font-medium text-stone-700 tabular-nums outline-none transition-colors hover:border-accent-600 hover:bg-accent-50 data-focus-visible:outline-2 data-focus-visible:outline-offset-2 data-focus-visible:outline-accent-600"
            >
              <time dateTime={slot.start}>{formatDateTime(slot.start, "time", timeZone)}</time>
              <span className="text-xs font-normal text-stone-600">Full</span>
            </AriaButton>
          </li>
        ))}
      </ul>
    </section>
  );
}
