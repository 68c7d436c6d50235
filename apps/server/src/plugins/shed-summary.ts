import type { FastifyBaseLogger } from "fastify";
import type { ShedReason } from "./metrics-plugin.js";

/**
 * One warning per interval for the requests shed in it, instead of a line per request: under overload a
 * line per refused request cost the CPU that shedding is meant to free (issue 12: 61 bookings made in the
 * bench's 15 s with a warning per shed request, 538 with this summary). Each request's own line, with the
 * error id its client got, is logged at debug.
 */
export function createShedSummary(logger: FastifyBaseLogger, intervalMs: number) {
  let counts: Partial<Record<ShedReason, number>> = {};
  let total = 0;
  const flush = () => {
    if (total === 0) return;
    logger.warn(
      { shed: counts, intervalSeconds: intervalMs / 1000 },
      `shed ${total} requests for load in the last ${intervalMs / 1000} s`,
    );
    counts = {};
    total = 0;
  };
  const timer = setInterval(flush, intervalMs);
  // The summary never keeps a process alive on its own.
  timer.unref();
  return {
    count(reason: ShedReason) {
      counts[reason] = (counts[reason] ?? 0) + 1;
      total += 1;
    },
    /** Logs what is pending and stops (on close). */
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}
