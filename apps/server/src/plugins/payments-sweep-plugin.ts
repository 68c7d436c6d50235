import { type PaymentDependencies, pruneExpiredIdempotencyKeys, runPaymentsSweep } from "@bookable/core";
import type { FastifyInstance } from "fastify";

/**
 * The payments sweep, the scheduled job that makes holds expire on time even when no request arrives: every
 * few seconds it releases overdue holds, expires their checkouts at Stripe, and sends refunds still pending
 * (and prunes expired idempotency keys). Each step is idempotent, so several instances sweeping at once do no
 * harm. Readers already ignore an overdue hold, so the interval (PAYMENTS_SWEEP_SECONDS) only delays the
 * booking's own status and the checkout's closing.
 */
export async function paymentsSweepPlugin(
  app: FastifyInstance,
  options: { payments: PaymentDependencies; intervalSeconds: number },
) {
  let running: Promise<void> | undefined;
  const sweep = async () => {
    try {
      const result = await runPaymentsSweep(options.payments);
      if (result.expiredBookingIds.length > 0) app.log.info({ bookingIds: result.expiredBookingIds }, "released expired holds");
      if (result.checkoutsClosed > 0) app.log.info({ count: result.checkoutsClosed }, "closed abandoned checkouts");
      if (result.refundsSettled > 0) app.log.info({ count: result.refundsSettled }, "settled pending refunds");
      // Idempotency keys older than their 24 hours are dead weight; the same sweep removes them.
      await pruneExpiredIdempotencyKeys(options.payments.db);
    } catch (error) {
      app.log.error({ err: error }, "the payments sweep failed; retrying at the next one");
    }
  };
  const timer = setInterval(() => {
    // A slow sweep (the provider taking its time) is never overlapped by the next.
    running ??= sweep().finally(() => {
      running = undefined;
    });
  }, options.intervalSeconds * 1000);
  timer.unref();
  app.addHook("onClose", async () => {
    clearInterval(timer);
    await running;
  });
}
