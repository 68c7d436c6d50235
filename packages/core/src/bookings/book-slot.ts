import type { BookingOutput, createBookingInput } from "@bookable/validators";
import type { z } from "zod";
import { openCheckout } from "../payments/open-checkout.js";
import type { PaymentDependencies } from "../payments/payment-dependencies.js";
import { createBooking } from "./create-booking.js";

/**
 * Booking as a caller sees it: the seats are taken (createBooking), and a priced booking gets its checkout,
 * whose URL the answer carries while the booking is held.
 */
export async function bookSlot(
  deps: PaymentDependencies & { holdMinutes: number },
  userId: string,
  input: z.output<typeof createBookingInput>,
): Promise<BookingOutput> {
  const booking = await createBooking(
    { db: deps.db, holdMinutes: deps.holdMinutes, paymentMode: deps.gateway?.mode ?? null, outbox: deps.outbox },
    userId,
    input,
  );
  return booking.status === "held" ? openCheckout(deps, booking.id) : booking;
}
