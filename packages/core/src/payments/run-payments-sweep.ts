import { expireOverdueHolds } from "../booking-store/expire-holds.js";
import { findBookingRecords } from "../booking-store/find-booking.js";
import { announceBooking } from "../webhooks/announce-booking.js";
import { closeAbandonedCheckouts } from "./close-abandoned-checkouts.js";
import type { PaymentDependencies } from "./payment-dependencies.js";
import { sendPendingRefunds } from "./send-pending-refunds.js";

export interface PaymentsSweepResult {
  expiredBookingIds: string[];
  checkoutsClosed: number;
  refundsSettled: number;
}

/**
 * The scheduled job behind holds that expire on time: releases overdue holds (one transaction, so a booking
 * is never `expired` with its seats still taken), closes their checkouts at the provider, and carries out
 * refunds that are still pending. Every step is idempotent, so several instances may sweep at once.
 */
export async function runPaymentsSweep(deps: PaymentDependencies, now = new Date()): Promise<PaymentsSweepResult> {
  const expiredBookingIds = await deps.db.transaction(async (transaction) => {
    const ids = await expireOverdueHolds(transaction, now);
    // Read only when holds ran out (the sweep, not a booking's path), in the transaction that expired them.
    const records = await findBookingRecords(transaction, ids);
    for (const record of records.values()) await announceBooking(transaction, deps.outbox, record, ["booking.expired"], now);
    return ids;
  });
  const checkoutsClosed = await closeAbandonedCheckouts(deps, now);
  const refundsSettled = await sendPendingRefunds(deps);
  return { expiredBookingIds, checkoutsClosed, refundsSettled };
}
