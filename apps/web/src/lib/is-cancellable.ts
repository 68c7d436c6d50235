import type { BookingOutput } from "@bookable/validators";

/** Whether the server would accept a cancellation: held or confirmed, and not yet started. */
export function isCancellable(booking: Pick<BookingOutput, "status" | "start">, now = Date.now()): boolean {
  return (booking.status === "held" || booking.status === "confirmed") && Date.parse(booking.start) > now;
}
