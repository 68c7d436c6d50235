import type { BookingOutput, createBookingInput } from "@bookable/validators";
import type { z } from "zod";
import { toBookingOutput } from "../booking-store/to-booking-output.js";
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
  const written = await createBooking(
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
  // The rows written are carried through and mapped once here: the booking is never read back (issue 14).
  const { booking, resource, payment } = written.booking.status === "held" ? await openCheckout(deps, written) : written;
  return toBookingOutput(booking, resource, payment);
}
