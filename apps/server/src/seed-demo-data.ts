// The demo catalogue behind `pnpm db:seed` (see seed.ts): a few realistic resources, created through the
// core services exactly as the API would create them. Idempotent by slug: a resource whose slug exists
// is left as it is. Creates no users and no bookings.
import { createResource, setDateOverride } from "@bookable/core";
import { type Database, resources } from "@bookable/db";
import { type CreateResourceInput, createResourceInput } from "@bookable/validators";
import { inArray } from "drizzle-orm";
import { DateTime } from "luxon";

interface DemoResource {
  input: CreateResourceInput & { slug: string };
  /** Local dates closed from the start (only set when the seed creates the resource). */
  closedDates?: (now: Date) => string[];
}

export interface SeededResource {
  id: string;
  slug: string;
  name: string;
}

export interface SeedSummary {
  created: SeededResource[];
  skipped: SeededResource[];
  closedDates: { slug: string; date: string }[];
}

const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5];
const MONDAY_TO_SATURDAY = [1, 2, 3, 4, 5, 6];

function hours(weekdays: number[], ...intervals: [start: string, end: string][]) {
  return weekdays.flatMap((weekday) => intervals.map(([start, end]) => ({ weekday, start, end })));
}

/** The next 24 December (today included) in a zone, as a local date. */
function nextChristmasEve(zone: string): (now: Date) => string[] {
  return (now) => {
    const today = DateTime.fromJSDate(now, { zone }).startOf("day");
    let eve = today.set({ month: 12, day: 24 });
    if (eve < today) eve = eve.plus({ years: 1 });
    return [eve.toISODate() ?? ""];
  };
}

export const demoResources: DemoResource[] = [
  {
    input: {
      name: "Meeting room Ada",
      slug: "meeting-room-ada",
      description: "Eight seats, a 65-inch screen, a whiteboard and a conference speaker. Second floor, east wing.",
      timeZone: "Europe/Berlin",
      slotMinutes: 60,
      weeklyHours: hours(MONDAY_TO_FRIDAY, ["08:00", "18:00"]),
      capacity: 1,
      bufferAfterMinutes: 15,
      minNoticeMinutes: 30,
      horizonDays: 90,
      freeCancellationHours: 2,
    },
    closedDates: nextChristmasEve("Europe/Berlin"),
  },
  {
    input: {
      name: "Hot desks",
      slug: "hot-desks",
      description: "Twelve height-adjustable desks with a monitor and a docking station, booked by the half day.",
      timeZone: "Europe/Berlin",
      slotMinutes: 240,
      weeklyHours: hours(MONDAY_TO_FRIDAY, ["08:00", "12:00"], ["13:00", "17:00"]),
      capacity: 12,
      horizonDays: 30,
      freeCancellationHours: 0,
    },
  },
  {
    input: {
      name: "Podcast studio",
      slug: "podcast-studio",
      description: "Sound-treated room with four microphones, a RØDECaster mixer and headphones. An engineer sets it up for you.",
      timeZone: "Europe/Berlin",
      slotMinutes: 120,
      weeklyHours: hours(MONDAY_TO_SATURDAY, ["10:00", "20:00"]),
      capacity: 1,
      price: { amount: 2500, currency: "EUR" },
      bufferAfterMinutes: 30,
      minNoticeMinutes: 12 * 60,
      horizonDays: 120,
      freeCancellationHours: 48,
    },
  },
  {
    input: {
      name: "Bike repair stand",
      slug: "bike-repair-stand",
      description: "A work stand with a full tool wall, a truing stand and a floor pump in the courtyard workshop.",
      timeZone: "America/New_York",
      slotMinutes: 30,
      weeklyHours: [...hours([2, 3, 4, 5], ["16:00", "20:00"]), ...hours([6, 7], ["09:00", "17:00"])],
      capacity: 1,
      horizonDays: 14,
      freeCancellationHours: 1,
    },
  },
  {
    input: {
      name: "Consultation with Dr. Weiss",
      slug: "consultation-dr-weiss",
      description: "A 45-minute one-to-one consultation, in person or by video.",
      timeZone: "Europe/Berlin",
      slotMinutes: 45,
      weeklyHours: hours([1, 3, 4], ["09:00", "12:00"], ["14:00", "17:00"]),
      capacity: 1,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 10,
      minNoticeMinutes: 24 * 60,
      horizonDays: 60,
      freeCancellationHours: 24,
    },
  },
];

/** Creates the demo resources that do not exist yet (by slug) and reports what it did. */
export async function seedDemoData(db: Database, now = new Date()): Promise<SeedSummary> {
  const slugs = demoResources.map((resource) => resource.input.slug);
  const existing = await db
    .select({ id: resources.id, slug: resources.slug, name: resources.name })
    .from(resources)
    .where(inArray(resources.slug, slugs));
  const existingBySlug = new Map(existing.map((row) => [row.slug, row]));

  const summary: SeedSummary = { created: [], skipped: [], closedDates: [] };
  for (const demo of demoResources) {
    const found = existingBySlug.get(demo.input.slug);
    if (found) {
      summary.skipped.push(found);
      continue;
    }
    const resource = await createResource(db, createResourceInput.parse(demo.input));
    summary.created.push({ id: resource.id, slug: resource.slug, name: resource.name });
    for (const date of demo.closedDates?.(now) ?? []) {
      await setDateOverride(db, resource.id, { date, closed: true, hours: [] });
      summary.closedDates.push({ slug: resource.slug, date });
    }
  }
  return summary;
}
