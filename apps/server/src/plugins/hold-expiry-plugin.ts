import { expireOverdueHolds, pruneExpiredIdempotencyKeys } from "@bookable/core";
import type { Database } from "@bookable/db";
import type { FastifyInstance } from "fastify";

const SWEEP_INTERVAL_MS = 30_000;

/**
 * Releases unpaid holds on time even when no request arrives (and prunes expired idempotency keys): a
 * sweep every 30 seconds. Each sweep is one
 * idempotent UPDATE, so several instances sweeping at once do no harm. (The payments work moves this onto
 * the job queue, next to expiring the Stripe Checkout session.)
 */
export async function holdExpiryPlugin(app: FastifyInstance, options: { db: Database }) {
  const sweep = async () => {
    try {
      // One transaction: a booking is never left `expired` with its seats still held.
      const expired = await options.db.transaction((transaction) => expireOverdueHolds(transaction));
      if (expired.length > 0) app.log.info({ bookingIds: expired }, "released expired holds");
      // Idempotency keys older than their 24 hours are dead weight; the same sweep removes them.
      await pruneExpiredIdempotencyKeys(options.db);
    } catch (error) {
      app.log.error({ err: error }, "releasing expired holds failed; retrying at the next sweep");
    }
  };
  const timer = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
  timer.unref();
  app.addHook("onClose", async () => clearInterval(timer));
}
