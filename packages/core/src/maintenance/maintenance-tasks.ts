import type { PaymentDependencies } from "../payments/payment-dependencies.js";
import { runPaymentsSweep } from "../payments/run-payments-sweep.js";
import type { MaintenanceTasks } from "./maintenance-worker.js";
import type { RetentionDays } from "./retention-days.js";
import { runRetentionPrune } from "./run-retention-prune.js";

/**
 * The real work behind the scheduled jobs, with its logs: every sweep logs its counts at `debug` and what it
 * changed at `info` (it runs every few seconds; idle sweeps at `info` would be 8,640 lines a day); the hourly
 * prune logs its counts at `info`.
 */
export function maintenanceTasks(
  payments: PaymentDependencies,
  retentionDays: RetentionDays,
  /** Offers the seats the sweep released (and any other free seat people wait for) to waitlists (issue 15). */
  sweepWaitlist?: () => Promise<number>,
): MaintenanceTasks {
  const log = payments.log;
  return {
    async sweepPayments() {
      try {
        const result = await runPaymentsSweep(payments);
        log.debug?.(
          {
            expiredHolds: result.expiredBookingIds.length,
            checkoutsClosed: result.checkoutsClosed,
            refundsSettled: result.refundsSettled,
          },
          "payments sweep done",
        );
        if (result.expiredBookingIds.length > 0) log.info({ bookingIds: result.expiredBookingIds }, "released expired holds");
        if (result.checkoutsClosed > 0) log.info({ count: result.checkoutsClosed }, "closed abandoned checkouts");
        if (result.refundsSettled > 0) log.info({ count: result.refundsSettled }, "settled pending refunds");
        const offers = sweepWaitlist ? await sweepWaitlist() : 0;
        if (offers > 0) log.info({ count: offers }, "offered freed seats to waitlists");
      } catch (error) {
        log.error({ err: error }, "the payments sweep failed; retrying at the next one");
        throw error;
      }
    },
    async pruneExpiredRows() {
      await runRetentionPrune(payments, retentionDays);
    },
  };
}
