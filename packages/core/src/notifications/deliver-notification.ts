import { type NotificationRow, notifications } from "@bookable/db";
import {
  DeliveryError,
  type EmailMessage,
  type EmailTemplateData,
  renderEmail,
  renderSms,
  type SmsMessage,
} from "@bookable/integrations";
import { and, eq, inArray, notInArray, type SQL, sql } from "drizzle-orm";
import { type BookingRecord, findBookingRecord } from "../booking-store/find-booking.js";
import { maskRecipient } from "./mask-recipient.js";
import type { DeliveryDependencies } from "./notification-dependencies.js";
import { openPayload, withoutSecrets } from "./notification-secrets.js";
import { CONFIRMATION_NOT_YET_SENT, remindersBeforeTheirConfirmation } from "./pending-confirmations.js";
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
 *
 * The worker delivers in batches through deliverNotificationBatch, made of the same steps: claim, prepare
 * (the pre-send check and rendering), send, record.
 */
export async function deliverNotification(
  deps: DeliveryDependencies,
  notificationId: string,
  now = new Date(),
): Promise<DeliveryOutcome> {
  const [message] = await claimNotifications(deps, [notificationId], now);
  if (!message) {
    const [existing] = await deps.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.id, notificationId));
    return existing ? "already_done" : "missing";
  }
  let outcome: DeliveryOutcome | "retry";
  try {
    const prepared = await prepareDelivery(deps, message, now);
    if (prepared.kind === "skip") {
      outcome = await recordSkipped(deps, message, prepared.reason);
    } else {
      const sentId =
        prepared.kind === "sms" ? await sendSmsOnce(deps, message, prepared.sms) : (await deps.email.send(prepared.email)).id;
      outcome = await recordSent(deps, message, sentId);
    }
  } catch (error) {
    outcome = await recordFailure(deps, message, error);
    if (outcome === "retry") throw new RetryLaterError(failureReason(error), { cause: error });
  }
  return outcome;
}

/**
 * Claims messages for delivery in one statement: counts the attempt, and leaves out whatever is already
 * finished (sent, skipped, dead), so nothing finished is sent again. Returns the rows it claimed.
 */
export async function claimNotifications(deps: DeliveryDependencies, ids: string[], now: Date): Promise<NotificationRow[]> {
  if (ids.length === 0) return [];
  return deps.db
    .update(notifications)
    .set({ status: "sending", attempts: sql`${notifications.attempts} + 1`, updatedAt: now })
    .where(and(inArray(notifications.id, ids), inArray(notifications.status, ["queued", "retrying", "sending"])))
    .returning();
}

/** A claimed message made ready to send: rendered for its channel, or skipped with the reason why. */
export type PreparedDelivery =
  | { kind: "skip"; reason: string }
  | { kind: "email"; email: EmailMessage }
  | { kind: "sms"; sms: SmsMessage };

/** Reads a message's booking (with resource and payment); a batch reads all of its bookings in one query. */
export type BookingLookup = (bookingId: string) => Promise<BookingRecord | undefined>;

/** What the pre-send checks read, one query per message by default; a batch reads each kind once for all. */
export interface PreSendLookups {
  booking: BookingLookup;
  /** Why a message's address is not to be written to (undeliverable-addresses.ts), or null. */
  undeliverable(message: NotificationRow): Promise<string | null>;
  /** A reminder whose confirmation has not gone out yet (pending-confirmations.ts). */
  beforeItsConfirmation(message: NotificationRow): Promise<boolean>;
}

function lookupsOneByOne(deps: DeliveryDependencies): PreSendLookups {
  return {
    booking: (bookingId) => findBookingRecord(deps.db, bookingId),
    undeliverable: (message) => undeliverableReason(deps.db, message),
    beforeItsConfirmation: async (message) => (await remindersBeforeTheirConfirmation(deps.db, [message])).has(message.id),
  };
}

/**
 * The one place every message passes before it is sent, single or batched: the pre-send checks (a reminder
 * whose booking is no longer confirmed or has started is skipped), then the payload opened and rendered.
 * Throws what the send would (a DeliveryError for a message that can never go, e.g. its link was deleted).
 */
export async function prepareDelivery(
  deps: DeliveryDependencies,
  message: NotificationRow,
  now: Date,
  lookups: PreSendLookups = lookupsOneByOne(deps),
): Promise<PreparedDelivery> {
  const skipReason = await reasonToSkip(message, now, lookups);
  if (skipReason) return { kind: "skip", reason: skipReason };
  const data = openPayload(deps.secretBox, message);
  if (!data) throw new DeliveryError(SECRET_GONE, { retriable: false });
  return render(deps, message, data);
}

/**
 * Pre-send checks: why this message should not be sent after all, or null to send it. A reminder whose booking
 * is no longer confirmed or has started; a confirmation whose booking was cancelled meanwhile; non-security
 * email to an address the provider reported as bouncing or complaining (undeliverable-addresses.ts).
 */
async function reasonToSkip(message: NotificationRow, now: Date, lookups: PreSendLookups): Promise<string | null> {
  if (message.template === "booking-reminder" && !(await reminderStillDue(message, now, lookups.booking))) {
    return "The booking is no longer confirmed or has started";
  }
  if (message.template === "booking-reminder" && (await lookups.beforeItsConfirmation(message))) {
    return CONFIRMATION_NOT_YET_SENT;
  }
  if (message.template === "booking-confirmed" && (await cancelledMeanwhile(message, lookups.booking))) {
    return CANCELLED_BEFORE_CONFIRMATION;
  }
  return lookups.undeliverable(message);
}

/** Records a message the provider accepted: its id, and nothing left of its payload. */
export async function recordSent(
  deps: DeliveryDependencies,
  message: NotificationRow,
  providerMessageId: string,
): Promise<"sent"> {
  await recordSentMany(deps, [{ message, providerMessageId }]);
  return "sent";
}

/** recordSent for several messages in one statement (a batch's accepted emails). */
export async function recordSentMany(
  deps: DeliveryDependencies,
  sent: { message: NotificationRow; providerMessageId: string }[],
): Promise<void> {
  if (sent.length === 0) return;
  const sentAt = new Date();
  const providerIds: SQL[] = sent.map(
    ({ message, providerMessageId }) => sql`when ${message.id}::uuid then ${providerMessageId}`,
  );
  await deps.db
    .update(notifications)
    .set({
      status: "sent",
      providerMessageId: sql`case ${notifications.id} ${sql.join(providerIds, sql` `)} end`,
      sentAt,
      lastError: null,
      ...PRUNED,
      updatedAt: sentAt,
    })
    .where(
      and(
        inArray(
          notifications.id,
          sent.map(({ message }) => message.id),
        ),
        notInArray(notifications.status, PROVIDER_STATUSES),
      ),
    );
  for (const { message } of sent) {
    deps.metrics?.delivered(message, Math.max(0, (sentAt.getTime() - message.sendAfter.getTime()) / 1000));
    deps.log.info({ ...logContext(message), attempt: message.attempts }, "delivered a message");
  }
}

/** Records a message not sent on purpose (a pre-send check said so). */
export async function recordSkipped(deps: DeliveryDependencies, message: NotificationRow, reason: string): Promise<"skipped"> {
  await finish(deps, message.id, { status: "skipped", lastError: reason, ...PRUNED });
  deps.log.info({ ...logContext(message), reason }, "skipped a message");
  return "skipped";
}

/**
 * Records a failed attempt: `dead` after the last attempt or a permanent refusal (the payload's secrets
 * deleted), `retrying` otherwise, and then the caller hands the job back to the queue for its backoff.
 */
export async function recordFailure(
  deps: DeliveryDependencies,
  message: NotificationRow,
  error: unknown,
): Promise<"dead" | "retry"> {
  const reason = failureReason(error);
  const context = { ...logContext(message), attempt: message.attempts, reason };
  if (error instanceof DeliveryError) {
    deps.metrics?.providerError(
      message.channel,
      error.code ?? (error.status === undefined ? "unreachable" : String(error.status)),
    );
  }
  const permanent = error instanceof DeliveryError && !error.retriable;
  if (permanent || message.attempts >= message.maxAttempts) {
    await finish(deps, message.id, {
      status: "dead",
      lastError: reason,
      data: withoutSecrets(message.template, message.data),
      sealedSecrets: null,
    });
    deps.log.error(context, "a message could not be delivered and is dead");
    return "dead";
  }
  await finish(deps, message.id, { status: "retrying", lastError: reason });
  deps.log.warn(context, "delivering a message failed; it will be retried");
  return "retry";
}

function failureReason(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 500) : String(error);
}

function logContext(message: NotificationRow) {
  return {
    notificationId: message.id,
    template: message.template,
    channel: message.channel,
    to: maskRecipient(message.recipient),
  };
}

// What a sent or skipped message keeps of its payload: nothing; the log needs only its columns.
const PRUNED = { data: {}, sealedSecrets: null } satisfies Partial<NotificationRow>;

export const SECRET_GONE = "The one-time link of this message was deleted; the user can ask for a new one";

async function render(deps: DeliveryDependencies, message: NotificationRow, data: unknown): Promise<PreparedDelivery> {
  const idempotencyKey = `bookable-notification-${message.id}`;
  const template = message.template as keyof EmailTemplateData;
  if (message.channel === "sms") {
    if (
      template !== "booking-confirmed" &&
      template !== "booking-reminder" &&
      template !== "booking-rescheduled" &&
      template !== "waitlist-offer"
    ) {
      throw new Error(`No SMS for ${template}`);
    }
    const { booking } = data as EmailTemplateData["booking-reminder"];
    return { kind: "sms", sms: { to: message.recipient, body: renderSms(template, { booking }), template, idempotencyKey } };
  }
  const rendered = await renderEmail(template, withCalendarLink(deps, message, template, data));
  return {
    kind: "email",
    email: {
      to: message.recipient,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      template,
      idempotencyKey,
    },
  };
}

/**
 * A confirmation (and a moved booking's message) links to its booking's .ics by a signed key, made now and never stored, rather than attaching
 * it: Resend's batch endpoint takes no attachments, and a burst of confirmations must go out in batches to fit
 * its 5 requests a second (issue 13). The link also stays current if the booking changes.
 */
function withCalendarLink<Template extends keyof EmailTemplateData>(
  deps: DeliveryDependencies,
  message: NotificationRow,
  template: Template,
  data: unknown,
): EmailTemplateData[Template] {
  const typed = data as EmailTemplateData[Template];
  if ((template !== "booking-confirmed" && template !== "booking-rescheduled") || !message.bookingId) return typed;
  const key = deps.calendarLinks.sign(message.bookingId);
  // On the address the booking was made on, carried with the message (the worker has no request of its own).
  const base = (typed as EmailTemplateData["booking-confirmed" | "booking-rescheduled"]).publicUrl ?? deps.publicUrl;
  return { ...typed, calendarUrl: `${base}/api/v1/bookings/${message.bookingId}/calendar.ics?key=${key}` };
}

/** Why a confirmation is skipped: "Confirmed" after "Cancelled" would tell the attendee the wrong thing. */
export const CANCELLED_BEFORE_CONFIRMATION = "The booking was cancelled before its confirmation went out";

async function cancelledMeanwhile(message: NotificationRow, lookup: BookingLookup): Promise<boolean> {
  if (!message.bookingId) return false;
  const record = await lookup(message.bookingId);
  return record?.booking.status === "cancelled" || record?.booking.status === "expired";
}

async function reminderStillDue(message: NotificationRow, now: Date, lookup: BookingLookup): Promise<boolean> {
  if (!message.bookingId) return false;
  const record = await lookup(message.bookingId);
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
