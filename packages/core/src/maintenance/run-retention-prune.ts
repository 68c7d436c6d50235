import type { Database } from "@bookable/db";
import type { ServiceLog } from "../service-log.js";
import { pruneExpiredIdempotencyKeys } from "./prune-expired-idempotency-keys.js";
import { pruneFinishedNotifications } from "./prune-finished-notifications.js";
import { pruneFinishedSessions } from "./prune-finished-sessions.js";
import { pruneFinishedTokens } from "./prune-finished-tokens.js";
import { prunePaymentEvents } from "./prune-payment-events.js";
import type { RetentionDays } from "./retention-days.js";

const DAY_MS = 24 * 3600 * 1000;

export interface RetentionPruneResult {
  notifications: number;
  paymentEvents: number;
  sessions: number;
  oneTimeTokens: number;
  refreshTokens: number;
  idempotencyKeys: number;
}

/**
 * The retention prune, the scheduled job that keeps finished rows from piling up forever: each table's prune
 * runs even when another failed, the counts are logged (no row content), and a failure fails the job after
 * the rest ran, so pg-boss retries it.
 */
export async function runRetentionPrune(
  deps: { db: Database; log: ServiceLog },
  retentionDays: RetentionDays,
  now = new Date(),
): Promise<RetentionPruneResult> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const failures: string[] = [];
  const attempt = async <T>(name: string, prune: () => Promise<T>, nothing: T): Promise<T> => {
    try {
      return await prune();
    } catch (error) {
      failures.push(name);
      deps.log.error({ err: error, prune: name }, "a retention prune failed");
      return nothing;
    }
  };
  const notifications = await attempt(
    "notifications",
    () => pruneFinishedNotifications(deps.db, before(retentionDays.notifications)),
    0,
  );
  const paymentEvents = await attempt("paymentEvents", () => prunePaymentEvents(deps.db, before(retentionDays.paymentEvents)), 0);
  const sessions = await attempt("sessions", () => pruneFinishedSessions(deps.db, before(retentionDays.sessions)), 0);
  const tokens = await attempt("tokens", () => pruneFinishedTokens(deps.db, before(retentionDays.tokens), now), {
    oneTimeTokens: 0,
    refreshTokens: 0,
  });
  const idempotencyKeys = await attempt("idempotencyKeys", () => pruneExpiredIdempotencyKeys(deps.db, now), 0);
  const result: RetentionPruneResult = { notifications, paymentEvents, sessions, ...tokens, idempotencyKeys };
  deps.log.info({ deleted: result, retentionDays }, "pruned rows past their retention");
  if (failures.length > 0) throw new Error(`The retention prune failed for ${failures.join(", ")}`);
  return result;
}
