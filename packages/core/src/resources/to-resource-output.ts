import type { ResourceRow } from "@bookable/db";
import type { ResourceOutput } from "@bookable/validators";

export function toResourceOutput(row: ResourceRow): ResourceOutput {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    location: row.location,
    timeZone: row.timeZone,
    slotMinutes: row.slotMinutes,
    weeklyHours: row.weeklyHours,
    capacity: row.capacity,
    price: { amount: row.priceAmount, currency: row.currency },
    bufferBeforeMinutes: row.bufferBeforeMinutes,
    bufferAfterMinutes: row.bufferAfterMinutes,
    minNoticeMinutes: row.minNoticeMinutes,
    horizonDays: row.horizonDays,
    freeCancellationHours: row.freeCancellationHours,
    reminderMinutesBefore: row.reminderMinutesBefore,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}
