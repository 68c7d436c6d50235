import type { ResourceOutput } from "@bookable/validators";
import { currencyMinorDigits } from "@bookable/validators";

/**
 * The resource editor's fields. They differ from `createResourceInput` where people and the API think
 * differently: the price in major units (25.50, not 2550), an empty slug meaning "derive it from the
 * name", and "archived" as a checkbox rather than a status.
 */
export interface ResourceFormValues {
  name: string;
  slug: string;
  description: string;
  location: string;
  timeZone: string;
  slotMinutes: number;
  capacity: number;
  priceMajor: number;
  currency: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  freeCancellationHours: number;
  /** Minutes before the start the reminder goes out; 0 sends none. */
  reminderMinutesBefore: number;
  weeklyHours: Array<{ weekday: number; start: string; end: string }>;
  archived: boolean;
}

const workingWeek = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "17:00" }));

/** The editor's starting values: the resource's own, or for a new one the server's defaults and a 9-to-5 week. */
export function resourceFormValues(resource?: ResourceOutput, defaultTimeZone = "UTC"): ResourceFormValues {
  if (!resource) {
    return {
      name: "",
      slug: "",
      description: "",
      location: "",
      timeZone: defaultTimeZone,
      slotMinutes: 60,
      capacity: 1,
      priceMajor: 0,
      currency: "EUR",
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minNoticeMinutes: 0,
      horizonDays: 60,
      freeCancellationHours: 24,
      reminderMinutesBefore: 1440,
      weeklyHours: workingWeek,
      archived: false,
    };
  }
  return {
    name: resource.name,
    slug: resource.slug,
    description: resource.description,
    location: resource.location,
    timeZone: resource.timeZone,
    slotMinutes: resource.slotMinutes,
    capacity: resource.capacity,
    priceMajor: resource.price.amount / 10 ** currencyMinorDigits(resource.price.currency),
    currency: resource.price.currency,
    bufferBeforeMinutes: resource.bufferBeforeMinutes,
    bufferAfterMinutes: resource.bufferAfterMinutes,
    minNoticeMinutes: resource.minNoticeMinutes,
    horizonDays: resource.horizonDays,
    freeCancellationHours: resource.freeCancellationHours,
    reminderMinutesBefore: resource.reminderMinutesBefore,
    weeklyHours: resource.weeklyHours.map(({ weekday, start, end }) => ({ weekday, start, end })),
    archived: resource.status === "archived",
  };
}
