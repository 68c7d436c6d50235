import { type NotificationRow, notifications } from "@bookable/db";
import { DeliveryError, type EmailTemplateData, renderEmail, renderSms } from "@bookable/integrations";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { bookingCalendar } from "../bookings/booking-calendar.js";
import { findBookingRecord, readBookingOutput } from "../bookings/find-booking.js";
import { maskRecipient } from "./mask-recipient.js";
import type { DeliveryDependencies } from "./notification-dependencies.js";
import { openPayload, withoutSecrets } from "./notification-secrets.js";
import { sendSmsOnce } from "./send-sms-once.js";
import { undeliverableReason } from "./undeliverable-addresses.js";

export type DeliveryOutcome = "sent" | "skipped" | "already_done" | "dead" | "missing";

/** Thrown when a message failed and has attempts left: the queue tries it again after its backoff. */
export class RetryLaterError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RetryLaterError";
  }
}

/**
 * Delivers one message of the delivery log: renders its template, sends it through the provider with the
 * message's id as idempotency key (a retry after a crash never sends an email twice), and records the
 * outcome. A reminder whose booking is no longer confirmed, or has started, is skipped. A failure with
 * attempts left throws RetryLaterError (the queue retries with exponential backoff); the last one, or one
 * the provider calls permanent, leaves the message `dead` for an admin to retry.
 *
 * Once a message is final nothing from which it could be sent again stays behind (decision 018): a sent or
 * skipped message keeps no payload, a dead one keeps its data for a retry but loses its sealed secrets.
 */
export async function deliverNotification(
  deps: DeliveryDependencies,
  notificationId: string,
  now = new Date(),
): Promise<DeliveryOutcome> {
  // Claim the message: counts the attempt, and makes sure nothing already finished is sent again.
  const [message] = await deps.db
    .update(notifications)
    .set({ status: "sending", attempts: sql`${notifications.attempts} + 1`, updatedAt: now })
    .where(and(eq(notifications.id, notificationId), inArray(notifications.status, ["queued", "retrying", "sending"])))
    .returning();
  if (!message) {
    const [existing] = await deps.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.id, notificationId));
    return existing ? "already_done" : "missing";
  }
  const context = { notificationId, template: message.template, channel: message.channel, to: maskRecipient(message.recipient) };

  if (message.template === "booking-reminder" && !(await reminderStillDue(deps, message, now))) {
    await finish(deps, message.id, {
      status: "skipped",
      lastError: "The booking is no longer confirmed or has started",
      ...PRUNED,
    });
    deps.log.info(context, "skipped a reminder");
    return "skipped";
  }
  const undeliverable = await undeliverableReason(deps.db, message);
  if (undeliverable) {
    await finish(deps, message.id, { status: "skipped", lastError: undeliverable, ...PRUNED });
    deps.log.info(context, "skipped a message to an address marked undeliverable");
    return "skipped";
  }
  try {
    const data = openPayload(deps.secretBox, message);
    if (!data) throw new DeliveryError(SECRET_GONE, { retriable: false });
    const providerMessageId = await send(deps, message, data);
    await finish(deps, message.id, { status: "sent", providerMessageId, sentAt: new Date(), lastError: null, ...PRUNED });
    deps.log.info({ ...context, attempt: message.attempts }, "delivered a message");
    return "sent";
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 500) : String(error);
    const permanent = error instanceof DeliveryError && !error.retriable;
    if (permanent || message.attempts >= message.maxAttempts) {
      await finish(deps, message.id, {
        status: "dead",
        lastError: reason,
        data: withoutSecrets(message.template, message.data),
        sealedSecrets: null,
      });
      deps.log.error({ ...context, attempt: message.attempts, reason }, "a message could not be delivered and is dead");
      return "dead";
    }
    await finish(deps, message.id, { status: "retrying", lastError: reason });
    deps.log.warn({ ...context, attempt: message.attempts, reason }, "delivering a message failed; it will be retried");
    throw new RetryLaterError(reason, { cause: error });
  }
}

// What a sent or skipped message keeps of its payload: nothing; the log needs only its columns.
const PRUNED = { data: {}, sealedSecrets: null } satisfies Partial<NotificationRow>;

export const SECRET_GONE = "The one-time link of this message was deleted; the user can ask for a new one";

async function send(deps: DeliveryDependencies, message: NotificationRow, data: unknown): Promise<string> {
  const idempotencyKey = `bookable-notification-${message.id}`;
  const template = message.template as keyof EmailTemplateData;
  if (message.channel === "sms") {
    if (template !== "booking-confirmed" && template !== "booking-reminder") throw new Error(`No SMS for ${template}`);
    const { booking } = data as EmailTemplateData["booking-reminder"];
    return sendSmsOnce(deps, message, {
      to: message.recipient,
      body: renderSms(template, { booking }),
      template,
      idempotencyKey,
    });
  }
  const rendered = await renderEmail(template, data as EmailTemplateData[typeof template]);
  const attachments =
    template === "booking-confirmed" && message.bookingId
      ? [
          {
            filename: "booking.ics",
            content: bookingCalendar(await readBookingOutput(deps.db, message.bookingId), deps.publicUrl),
            contentType: "text/calendar; charset=utf-8; method=PUBLISH",
          },
        ]
      : undefined;
  const sent = await deps.email.send({
    to: message.recipient,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    template,
    idempotencyKey,
    ...(attachments ? { attachments } : {}),
  });
  return sent.id;
}

async function reminderStillDue(deps: DeliveryDependencies, message: NotificationRow, now: Date): Promise<boolean> {
  if (!message.bookingId) return false;
  const record = await findBookingRecord(deps.db, message.bookingId);
  return record?.booking.status === "confirmed" && record.booking.startAt > now;
}

// The provider's word (a webhook that came in while the worker was still finishing) is never overwritten.
const PROVIDER_STATUSES: NotificationRow["status"][] = ["delivered", "bounced", "complained", "failed"];

async function finish(deps: DeliveryDependencies, id: string, values: Partial<NotificationRow>): Promise<void> {
  await deps.db
    .update(notifications)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(notifications.id, id), notInArray(notifications.status, PROVIDER_STATUSES)));
}
