import { type Database, notifications } from "@bookable/db";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { ServiceLog } from "../service-log.js";
import { markUndeliverableAddress } from "./undeliverable-addresses.js";

/** What a provider can tell about a message it accepted; `delayed` only notes the delay in the log. */
export type ProviderDeliveryStatus = "delivered" | "bounced" | "complained" | "failed" | "delayed";

/** Which delivery log row an event is about. */
export type ProviderMessageReference =
  /** Resend: the email id its API answered with, stored as the row's provider message id. */
  | { providerMessageId: string }
  /**
   * Twilio: the row and attempt token from our StatusCallback URL, and the message sid. Before the sending
   * worker has recorded the sid (it crashed, or is slower than Twilio), the token proves the sid is that
   * attempt's.
   */
  | { notificationId: string; attemptToken: string; providerMessageId: string };

export interface ProviderDeliveryEvent {
  message: ProviderMessageReference;
  status: ProviderDeliveryStatus;
  /** The provider's reason (a bounce message, an error code), kept as the row's last error. */
  detail?: string | undefined;
  /** A hard bounce or a complaint: the recipient's address is marked undeliverable. */
  markAddressUndeliverable?: boolean;
}

export type ProviderEventOutcome = "applied" | "unchanged" | "unknown_message";

/**
 * How far along a message is. A provider's events can arrive late, twice or out of order (webhooks are retried,
 * not ordered): a status is applied only over a lower one, so a replay changes nothing and a late `delivered`
 * never hides a bounce. `queued`/`sending`/`retrying` are below `sent` because a Twilio callback can arrive
 * before the worker recorded the send.
 */
const RANK = {
  queued: 0,
  sending: 0,
  retrying: 0,
  sent: 1,
  delivered: 2,
  failed: 3,
  bounced: 3,
  complained: 4,
} as const;
type RankedStatus = keyof typeof RANK;

function statusesBelow(status: Exclude<ProviderDeliveryStatus, "delayed">): RankedStatus[] {
  return (Object.keys(RANK) as RankedStatus[]).filter((candidate) => RANK[candidate] < RANK[status]);
}

/**
 * Records a provider's word on a message in the delivery log (issue 13), idempotently and order-safely. A row
 * reaching a provider status also loses its payload, as a sent one does (decision 018). A hard bounce or
 * complaint that changes the row marks the address undeliverable in the same transaction.
 */
export async function recordProviderDeliveryStatus(
  db: Database,
  event: ProviderDeliveryEvent,
  log?: ServiceLog,
): Promise<ProviderEventOutcome> {
  const match = messageMatch(event.message);
  const detail = event.detail?.slice(0, 500);
  if (event.status === "delayed") {
    const delayed = await db
      .update(notifications)
      .set({ lastError: `Delivery delayed${detail ? `: ${detail}` : ""}`, updatedAt: new Date() })
      .where(and(match, eq(notifications.status, "sent")))
      .returning({ id: notifications.id });
    return delayed.length > 0 ? "applied" : await unchangedOrUnknown(db, match);
  }
  const status = event.status;
  const outcome = await db.transaction(async (transaction) => {
    const [row] = await transaction
      .update(notifications)
      .set({
        status,
        lastError: status === "delivered" ? null : (detail ?? null),
        providerMessageId: event.message.providerMessageId,
        sentAt: sql`coalesce(${notifications.sentAt}, now())`,
        data: {},
        sealedSecrets: null,
        updatedAt: new Date(),
      })
      .where(and(match, inArray(notifications.status, statusesBelow(status))))
      .returning({ id: notifications.id, channel: notifications.channel, recipient: notifications.recipient });
    if (!row) return undefined;
    if (event.markAddressUndeliverable && row.channel === "email") {
      await markUndeliverableAddress(transaction, row.recipient, status === "complained" ? "complaint" : "hard bounce", row.id);
    }
    return row;
  });
  if (outcome) {
    log?.info({ notificationId: outcome.id, status }, "the provider reported on a message");
    return "applied";
  }
  return unchangedOrUnknown(db, match);
}

/**
 * A Twilio callback for an attempt whose sid the worker has not recorded (any status, e.g. `queued` or
 * `sent`): the sid is stored, so a worker reconciling after a crash knows the message went out.
 */
export async function recordProviderMessageId(
  db: Database,
  reference: Extract<ProviderMessageReference, { attemptToken: string }>,
): Promise<boolean> {
  const recorded = await db
    .update(notifications)
    .set({ providerMessageId: reference.providerMessageId, updatedAt: new Date() })
    .where(
      and(
        eq(notifications.id, reference.notificationId),
        eq(notifications.providerAttemptToken, reference.attemptToken),
        isNull(notifications.providerMessageId),
      ),
    )
    .returning({ id: notifications.id });
  return recorded.length > 0;
}

function messageMatch(reference: ProviderMessageReference) {
  if (!("notificationId" in reference)) return eq(notifications.providerMessageId, reference.providerMessageId);
  return and(
    eq(notifications.id, reference.notificationId),
    or(
      eq(notifications.providerMessageId, reference.providerMessageId),
      and(isNull(notifications.providerMessageId), eq(notifications.providerAttemptToken, reference.attemptToken)),
    ),
  );
}

async function unchangedOrUnknown(db: Database, match: ReturnType<typeof messageMatch>): Promise<ProviderEventOutcome> {
  const [existing] = await db.select({ id: notifications.id }).from(notifications).where(match).limit(1);
  return existing ? "unchanged" : "unknown_message";
}
