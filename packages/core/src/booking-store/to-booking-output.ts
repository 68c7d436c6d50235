import type { BookingRow, PaymentRow, ResourceRow } from "@bookable/db";
import type { BookingOutput, PaymentOutput } from "@bookable/validators";

const HOUR = 3_600_000;

export type BookingResourceFields = Pick<ResourceRow, "name" | "timeZone" | "freeCancellationHours">;

export function toBookingOutput(row: BookingRow, resource: BookingResourceFields, payment: PaymentRow | null): BookingOutput {
  const checkoutOpen =
    row.status === "held" && payment?.status === "awaiting_payment" && payment.checkoutClosedAt === null && payment.checkoutUrl;
  return {
    id: row.id,
    status: row.status,
    resourceId: row.resourceId,
    resourceName: resource.name,
    timeZone: resource.timeZone,
    start: row.startAt.toISOString(),
    end: row.endAt.toISOString(),
    seats: row.seats,
    attendee: {
      name: row.attendeeName,
      email: row.attendeeEmail,
      phone: row.attendeePhone,
      smsOptIn: row.smsOptIn,
      timeZone: row.attendeeTimeZone,
    },
    notes: row.notes,
    price: { amount: row.priceAmount, currency: row.currency },
    holdExpiresAt: row.holdExpiresAt?.toISOString() ?? null,
    checkoutUrl: checkoutOpen ? payment.checkoutUrl : null,
    payment: payment ? toPaymentOutput(payment) : null,
    freeCancellationUntil: payment ? freeCancellationUntil(row, resource).toISOString() : null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    sequence: row.sequence,
    cancellationReason: row.cancellationReason,
    createdAt: row.createdAt.toISOString(),
    userId: row.userId,
  };
}

/** Until when cancelling refunds in full: the resource's free-cancellation hours before the start. */
export function freeCancellationUntil(
  row: Pick<BookingRow, "startAt">,
  resource: Pick<ResourceRow, "freeCancellationHours">,
): Date {
  return new Date(row.startAt.getTime() - resource.freeCancellationHours * HOUR);
}

function toPaymentOutput(payment: PaymentRow): PaymentOutput {
  return {
    mode: payment.mode,
    status: payment.status,
    amount: payment.amount,
    currency: payment.currency,
    paidAt: payment.paidAt?.toISOString() ?? null,
    refund:
      payment.refundStatus && payment.refundReason && payment.refundRequestedAt
        ? {
            status: payment.refundStatus,
            amount: payment.refundAmount ?? payment.amount,
            reason: payment.refundReason,
            requestedAt: payment.refundRequestedAt.toISOString(),
            completedAt: payment.refundCompletedAt?.toISOString() ?? null,
          }
        : null,
  };
}
