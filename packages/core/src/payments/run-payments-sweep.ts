import { expireOverdueHolds } from "../booking-store/expire-holds.js";
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
  const expiredBookingIds = await deps.db.transaction((transaction) => expireOverdueHolds(transaction, now));
  const checkoutsClosed = await closeAbandonedCheckouts(deps, now);
  const refundsSettled = await sendPendingRefunds(deps);
  return { expiredBookingIds, checkoutsClosed, refundsSettled };
}
