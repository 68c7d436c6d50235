import type { CalendarDate } from "@internationalized/date";
import {
  Button as AriaButton,
  Calendar,
  CalendarCell,
  CalendarGrid,
  CalendarGridBody,
  CalendarGridHeader,
  CalendarHeaderCell,
  type DateValue,
  Heading,
} from "react-aria-components";
import { classNames } from "../lib/class-names.js";
import { buttonStyles } from "./button-styles.js";

export interface FreeDaysCalendarProps {
  /** Free slots per date ("YYYY-MM-DD") of the month shown; a date not in it is not known yet. */
  freeSlotsByDate: ReadonlyMap<string, number>;
  /** Full slots per date: a date with none free but some full can still be chosen, to join a waitlist. */
  fullSlotsByDate: ReadonlyMap<string, number>;
  /** The chosen date, whose times are listed beside the calendar. */
  value: CalendarDate | null;
  onChange: (date: CalendarDate) => void;
  /** The date keyboard focus rests on; its month is the month shown. */
  focusedValue: CalendarDate;
  onFocusChange: (date: CalendarDate) => void;
  /** Today: earlier dates are disabled. */
  minValue: CalendarDate;
  /** The last date of the booking horizon: later dates are disabled. */
  maxValue: CalendarDate;
}

/**
 * A month of dates, those with a free slot marked, on react-aria's calendar: the ARIA grid pattern with
 * arrow keys, Page Up/Down for months, and a label per date. A booked-out date (full slots, none free) gets a
 * hollow mark and can be chosen for its waitlists. Dates with nothing offered at all are "unavailable":
 * still reachable by keyboard, announced as such, but not chosen.
 */
export function FreeDaysCalendar({
  freeSlotsByDate,
  fullSlotsByDate,
  value,
  onChange,
  focusedValue,
  onFocusChange,
  minValue,
  maxValue,
}: FreeDaysCalendarProps) {
  // react-aria types its callbacks over every kind of date; this calendar only ever holds plain dates.
  const toCalendarDate = (date: DateValue) => date as CalendarDate;
  const hasFree = (date: DateValue) => (freeSlotsByDate.get(date.toString()) ?? 0) > 0;
  const isBookedOut = (date: DateValue) => !hasFree(date) && (fullSlotsByDate.get(date.toString()) ?? 0) > 0;
  return (
    <Calendar
      aria-label="Dates with free times"
      value={value}
      onChange={(date) => onChange(toCalendarDate(date))}
      focusedValue={focusedValue}
      onFocusChange={(date) => onFocusChange(toCalendarDate(date))}
      minValue={minValue}
      maxValue={maxValue}
      isDateUnavailable={(date) => freeSlotsByDate.get(date.toString()) === 0 && !isBookedOut(date)}
      className="flex flex-col gap-3"
    >
      <header className="flex items-center justify-between gap-2">
        <AriaButton slot="previous" aria-label="Previous month" className={buttonStyles({ variant: "secondary" })}>
          <span aria-hidden="true">←</span>
        </AriaButton>
        <Heading className="text-base font-semibold text-stone-900" />
        <AriaButton slot="next" aria-label="Next month" className={buttonStyles({ variant: "secondary" })}>
          <span aria-hidden="true">→</span>
        </AriaButton>
      </header>
      <CalendarGrid weekdayStyle="short" className="w-full table-fixed border-separate border-spacing-1">
        <CalendarGridHeader>
          {(weekday) => <CalendarHeaderCell className="pb-1 text-xs font-medium text-stone-600">{weekday}</CalendarHeaderCell>}
        </CalendarGridHeader>
        <CalendarGridBody>
          {(date) => (
            <CalendarCell
              date={date}
              className={({ isSelected, isDisabled, isUnavailable, isOutsideMonth, isFocusVisible, isToday }) =>
                classNames(
                  "flex aspect-square w-full flex-col items-center justify-center gap-0.5 rounded-lg text-sm tabular-nums outline-none",
                  isOutsideMonth && "invisible",
                  isFocusVisible && "outline-2 outline-offset-2 outline-accent-600",
                  isSelected
                    ? "bg-accent-700 font-semibold text-white"
                    : isDisabled
                      ? "cursor-default text-stone-400"
                      : isUnavailable
                        ? "cursor-default text-stone-500 line-through"
                        : "cursor-pointer font-semibold text-stone-900 hover:bg-accent-50",
                  isToday && !isSelected && "ring-1 ring-stone-300",
                )
              }
            >
              {({ formattedDate, isOutsideMonth, isSelected }) =>
                isOutsideMonth ? null : (
                  <>
                    <time dateTime={date.toString()}>{formattedDate}</time>
                    {/* The mark of a date with free times (filled) or only full ones (hollow); the legend names them. */}
                    <span
                      aria-hidden="true"
                      className={classNames(
                        "size-1.5 rounded-full",
                        hasFree(date)
                          ? isSelected
                            ? "bg-white"
                            : "bg-accent-600"
                          : isBookedOut(date)
                            ? isSelected
                              ? "ring-1 ring-white"
                              : "ring-1 ring-stone-500"
                            : "bg-transparent",
                      )}
                    />
                  </>
                )
              }
            </CalendarCell>
          )}
        </CalendarGridBody>
      </CalendarGrid>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600">
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-1.5 rounded-full bg-accent-600" />
          Free times
        </span>
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-1.5 rounded-full ring-1 ring-stone-500" />
          Fully booked: join a waitlist
        </span>
      </p>
    </Calendar>
  );
}
