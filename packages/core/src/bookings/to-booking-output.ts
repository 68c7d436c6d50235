import type { BookingRow, ResourceRow } from "@bookable/db";
import type { BookingOutput } from "@bookable/validators";

export function toBookingOutput(row: BookingRow, resource: Pick<ResourceRow, "name" | "timeZone">): BookingOutput {
  return {
    id: row.id,
    status: row.status,
    resourceId: row.resourceId,
    resourceName: resource.name,
    timeZone: resource.timeZone,
    start: row.startAt.toISOString(),
    end: row.endAt.toISOString(),
    seats: row.seats,
    attendee: { name: row.attendeeName, email: row.attendeeEmail, phone: row.attendeePhone },
    notes: row.notes,
    price: { amount: row.priceAmount, currency: row.currency },
    holdExpiresAt: row.holdExpiresAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    userId: row.userId,
  };
}
