import type { BookingOutput, createBookingInput } from "@bookable/validators";
import type { z } from "zod";
import { openCheckout } from "../payments/open-checkout.js";
import type { PaymentDependencies } from "../payments/payment-dependencies.js";
import type { ResourceDefinitions } from "../resources/resource-definitions.js";
import type { BookingLimits } from "./booker-limits.js";
import { createBooking } from "./create-booking.js";
import { type Booker, requireVerifiedBooker } from "./require-verified-booker.js";

/**
 * Booking as a caller sees it: a verified booker within their limits takes the seats (createBooking), and a
 * priced booking gets its checkout, whose URL the answer carries while the booking is held.
 */
export async function bookSlot(
  deps: PaymentDependencies & { holdMinutes: number; limits: BookingLimits; resources: ResourceDefinitions },
  booker: Booker,
  input: z.output<typeof createBookingInput>,
): Promise<BookingOutput> {
  requireVerifiedBooker(booker);
  const booking = await createBooking(
    {
      db: deps.db,
      holdMinutes: deps.holdMinutes,
      paymentMode: deps.gateway?.mode ?? null,
      outbox: deps.outbox,
      limits: deps.limits,
      resources: deps.resources,
    },
    booker.id,
    input,
  );
  return booking.status === "held" ? openCheckout(deps, booking.id) : booking;
}
