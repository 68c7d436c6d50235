// The shapes availability is computed over, apart from the computation so its helpers can share them
// without importing it back.
/** Opening hours in the resource's own time zone. weekday: ISO 1 = Monday … 7 = Sunday. "HH:MM", end may be "24:00"; end > start. */
export interface WeeklyHoursInterval {
  weekday: number;
  start: string;
  end: string;
}
/** A local calendar date ("YYYY-MM-DD" in the resource's zone) that is closed or has other hours than the weekly ones. */
export interface DateOverride {
  date: string;
  closed: boolean;
  hours: { start: string; end: string }[];
}
export interface AvailabilityRules {
  timeZone: string; // IANA, e.g. "Europe/Berlin"
  slotMinutes: number; // slot length
  bufferBeforeMinutes: number; // kept free before each booking
  bufferAfterMinutes: number; // kept free after each booking
  minNoticeMinutes: number; // a slot must start at least this long after `now`
  horizonDays: number; // a slot must start before now + horizonDays
  capacity: number; // seats
  weeklyHours: WeeklyHoursInterval[];
  overrides: DateOverride[];
}
/** A range a booking holds (already widened by its buffers), with the seats it holds. Half-open [start, end). */
export interface OccupiedInterval {
  start: Date;
  end: Date;
  seats: number;
}
export interface Slot {
  start: Date;
  end: Date;
  seatsLeft: number;
}
/**
 * The bookable slots as parallel arrays: slot i is [starts[i], starts[i] + slotLength) in epoch
 * milliseconds with seatsLeft[i] seats. The form the answers are built from without an object per slot.
 */
export interface AvailableStarts {
  starts: number[];
  seatsLeft: number[];
  /** Milliseconds. */
  slotLength: number;
}
