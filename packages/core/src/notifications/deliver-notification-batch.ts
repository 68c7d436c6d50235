import type { NotificationRow } from "@bookable/db";
import { type BatchSendResult, DeliveryError, type EmailMessage } from "@bookable/integrations";
import { findBookingRecords } from "../booking-store/find-booking.js";
import {
  claimNotifications,
  type DeliveryOutcome,
  type PreparedDelivery,
  type PreSendLookups,
  prepareDelivery,
  recordFailure,
  recordSent,
  recordSentMany,
  recordSkipped,
} from "./deliver-notification.js";
import type { DeliveryDependencies } from "./notification-dependencies.js";
import { remindersBeforeTheirConfirmation } from "./pending-confirmations.js";
import { sendSmsOnce } from "./send-sms-once.js";
import { undeliverableReasons } from "./undeliverable-addresses.js";

/** A batch's outcome per message: as deliverNotification's, or `retry` for a failure the queue retries later. */
export type BatchDeliveryOutcome = DeliveryOutcome | "retry";

/**
 * Delivers the messages a worker fetched together, with the same steps and guarantees as deliverNotification
 * (claim → pre-send check and render → send with the message's idempotency key → record; retry with backoff,
 * dead after the last attempt, secrets pruned), but the claim in one statement, the emails in one
 * `EmailSender.sendBatch` call (Resend's batch endpoint) and the text messages side by side. One message's
 * failure is recorded on that message only. Returns each id's outcome.
 */
export async function deliverNotificationBatch(
  deps: DeliveryDependencies,
  notificationIds: string[],
  now = new Date(),
): Promise<Map<string, BatchDeliveryOutcome>> {
  const outcomes = new Map<string, BatchDeliveryOutcome>();
  const claimed = await claimNotifications(deps, [...new Set(notificationIds)], now);
  // Not claimed: already finished by another worker or an earlier try, or deleted; nothing is left to do.
  for (const id of notificationIds) outcomes.set(id, "already_done");

  // What the pre-send checks read (the reminders' bookings, addresses marked undeliverable), one query each
  // for the whole batch rather than one per message: a batch's messages are prepared side by side and would
  // otherwise ask the pool for as many connections at once.
  const bookingIds = [...new Set(claimed.flatMap((message) => (message.bookingId ? [message.bookingId] : [])))];
  const [bookings, undeliverable, beforeConfirmation] = await Promise.all([
    findBookingRecords(deps.db, bookingIds),
    undeliverableReasons(deps.db, claimed),
    remindersBeforeTheirConfirmation(deps.db, claimed),
  ]);
  const lookups: PreSendLookups = {
    booking: async (bookingId) => bookings.get(bookingId),
    undeliverable: async (message) => undeliverable.get(message.id) ?? null,
    beforeItsConfirmation: async (message) => beforeConfirmation.has(message.id),
  };
  const prepared = await Promise.all(
    claimed.map(async (message) => {
      try {
        return { message, prepared: await prepareDelivery(deps, message, now, lookups) };
      } catch (error) {
        outcomes.set(message.id, await recordFailure(deps, message, error));
        return null;
      }
    }),
  );
  const ready = prepared.filter((item): item is { message: NotificationRow; prepared: PreparedDelivery } => item !== null);

  const emails = ready.flatMap(({ message, prepared }) =>
    prepared.kind === "email" ? [{ message, email: prepared.email }] : [],
  );
  const results = await Promise.all([
    sendEmails(deps, emails),
    ...ready.map(async ({ message, prepared }) => {
      if (prepared.kind === "skip") return [{ message, outcome: await recordSkipped(deps, message, prepared.reason) }];
      if (prepared.kind !== "sms") return [];
      try {
        return [{ message, outcome: await recordSent(deps, message, await sendSmsOnce(deps, message, prepared.sms)) }];
      } catch (error) {
        return [{ message, outcome: await recordFailure(deps, message, error) }];
      }
    }),
  ]);
  for (const { message, outcome } of results.flat()) outcomes.set(message.id, outcome);
  return outcomes;
}

/** The emails of a batch in one sendBatch call; each result recorded on its own message. */
async function sendEmails(
  deps: DeliveryDependencies,
  emails: { message: NotificationRow; email: EmailMessage }[],
): Promise<{ message: NotificationRow; outcome: BatchDeliveryOutcome }[]> {
  if (emails.length === 0) return [];
  let results: BatchSendResult[];
  try {
    results = await deps.email.sendBatch(emails.map(({ email }) => email));
  } catch (error) {
    // The call as a whole failed (the provider could not be reached): every message failed alike.
    return Promise.all(emails.map(async ({ message }) => ({ message, outcome: await recordFailure(deps, message, error) })));
  }
  const accepted: { message: NotificationRow; providerMessageId: string }[] = [];
  const failed: Promise<{ message: NotificationRow; outcome: BatchDeliveryOutcome }>[] = [];
  emails.forEach(({ message }, index) => {
    const result = results[index] ?? { ok: false, error: new DeliveryError("The provider gave no result", { retriable: true }) };
    if (result.ok) accepted.push({ message, providerMessageId: result.id });
    else failed.push(recordFailure(deps, message, result.error).then((outcome) => ({ message, outcome })));
  });
  // The accepted ones are recorded in one statement.
  await recordSentMany(deps, accepted);
  return [...accepted.map(({ message }) => ({ message, outcome: "sent" as const })), ...(await Promise.all(failed))];
}
