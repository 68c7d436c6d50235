import { randomUUID } from "node:crypto";
import { bookings, payments, resources } from "@bookable/db";
import type { LocalGateway } from "@bookable/integrations";
import type { BookingOutput, LocalCheckoutOutput } from "@bookable/validators";
import { eq } from "drizzle-orm";
import { AppError } from "../app-error.js";
import { type BookingViewer, readBookingOutput } from "../booking-store/find-booking.js";
import { freeCancellationUntil } from "../booking-store/to-booking-output.js";
import type { PaymentDependencies } from "./payment-dependencies.js";
import { processPaymentEvent } from "./process-payment-event.js";

/** The local checkout page's view of a checkout: only in local payment mode, only for its booker or an admin. */
export async function getLocalCheckout(
  deps: PaymentDependencies,
  viewer: BookingViewer,
  sessionId: string,
): Promise<LocalCheckoutOutput> {
  const { gateway, row } = await findLocalCheckout(deps, viewer, sessionId);
  const checkout = await gateway.retrieveCheckout(sessionId);
  return {
    sessionId,
    bookingId: row.booking.id,
    resourceName: row.resource.name,
    start: row.booking.startAt.toISOString(),
    end: row.booking.endAt.toISOString(),
    timeZone: row.resource.timeZone,
    seats: row.booking.seats,
    freeCancellationUntil: freeCancellationUntil(row.booking, row.resource).toISOString(),
    amount: row.payment.amount,
    currency: row.payment.currency,
    // A checkout forgotten by a restart can no longer be paid.
    status: checkout?.status ?? "expired",
    expiresAt: (checkout?.expiresAt ?? row.payment.checkoutExpiresAt).toISOString(),
  };
}

/**
 * "Pay" on the local checkout page: the checkout completes at the local gateway, and the same event
 * processing as a Stripe webhook confirms the booking (or refunds, if the slot is gone).
 */
export async function payLocalCheckout(
  deps: PaymentDependencies,
  viewer: BookingViewer,
  sessionId: string,
): Promise<BookingOutput> {
  const { gateway, row } = await findLocalCheckout(deps, viewer, sessionId);
  if (!(await gateway.retrieveCheckout(sessionId)))
    throw new AppError("CONFLICT", "This checkout was lost when the server restarted; book again");
  gateway.completeCheckout(sessionId);
  await processPaymentEvent(deps, { id: `evt_local_${randomUUID()}`, type: "checkout.session.completed", objectId: sessionId });
  return readBookingOutput(deps.db, row.booking.id);
}

/** "Abandon" on the local checkout page: the checkout expires now, as Stripe's would at its end, and the hold is released. */
export async function abandonLocalCheckout(
  deps: PaymentDependencies,
  viewer: BookingViewer,
  sessionId: string,
): Promise<BookingOutput> {
  const { gateway, row } = await findLocalCheckout(deps, viewer, sessionId);
  await gateway.expireCheckout(sessionId);
  await processPaymentEvent(deps, { id: `evt_local_${randomUUID()}`, type: "checkout.session.expired", objectId: sessionId });
  return readBookingOutput(deps.db, row.booking.id);
}

async function findLocalCheckout(deps: PaymentDependencies, viewer: BookingViewer, sessionId: string) {
  const gateway = deps.gateway;
  if (gateway?.mode !== "local") throw new AppError("NOT_FOUND", "Local payment mode is off on this server");
  const [row] = await deps.db
    .select({ payment: payments, booking: bookings, resource: resources })
    .from(payments)
    .innerJoin(bookings, eq(bookings.id, payments.bookingId))
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .where(eq(payments.checkoutSessionId, sessionId));
  if (!row || (row.booking.userId !== viewer.id && viewer.role !== "admin")) throw new AppError("NOT_FOUND", "No such checkout");
  return { gateway: gateway satisfies LocalGateway, row };
}
