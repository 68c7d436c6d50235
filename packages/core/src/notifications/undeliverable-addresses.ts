import { type Database, type DatabaseExecutor, type NotificationRow, undeliverableAddresses } from "@bookable/db";
import type { EmailDeliveryOutput } from "@bookable/validators";
import { eq, inArray } from "drizzle-orm";

/**
 * Mail that must reach the address even when it bounced before: the person is proving they own it again
 * (verification) or getting back into their account (password reset). Everything else to a marked address is
 * skipped, so Bookable stops hurting its sender reputation with mail the provider already refused (issue 13).
 */
const SECURITY_TEMPLATES: ReadonlySet<string> = new Set(["verify-email", "reset-password"]);

/** How an address is keyed: providers report `Ada@Example.com ` and `ada@example.com` as the same mailbox. */
export function normalizeEmailAddress(address: string): string {
  return address.trim().toLowerCase();
}

export interface UndeliverableAddress {
  reason: string;
  markedAt: Date;
}

/**
 * Why a message must not be sent, or null to send it: an email (not security mail) to an address the provider
 * reported hard-bounced or complained about. The single check every delivery path calls before sending.
 */
export async function undeliverableReason(
  db: Database,
  message: Pick<NotificationRow, "channel" | "template" | "recipient">,
): Promise<string | null> {
  if (message.channel !== "email" || SECURITY_TEMPLATES.has(message.template)) return null;
  const marked = await findUndeliverableAddress(db, message.recipient);
  return marked ? skipReason(marked.reason) : null;
}

/**
 * undeliverableReason for many messages in one query (a batch of deliveries): the ids of those that must not
 * be sent, with why. Messages not in the map are sent.
 */
export async function undeliverableReasons(
  db: Database,
  messages: readonly Pick<NotificationRow, "id" | "channel" | "template" | "recipient">[],
): Promise<Map<string, string>> {
  const candidates = messages.filter((message) => message.channel === "email" && !SECURITY_TEMPLATES.has(message.template));
  const reasons = new Map<string, string>();
  if (candidates.length === 0) return reasons;
  const marked = await db
    .select({ address: undeliverableAddresses.address, reason: undeliverableAddresses.reason })
    .from(undeliverableAddresses)
    .where(
      inArray(undeliverableAddresses.address, [
        ...new Set(candidates.map((message) => normalizeEmailAddress(message.recipient))),
      ]),
    );
  const byAddress = new Map(marked.map((row) => [row.address, row.reason]));
  for (const message of candidates) {
    const reason = byAddress.get(normalizeEmailAddress(message.recipient));
    if (reason) reasons.set(message.id, skipReason(reason));
  }
  return reasons;
}

const skipReason = (reason: string) =>
  `The address is marked undeliverable (${reason}); the user can clear it on their account page`;

export async function findUndeliverableAddress(db: Database, address: string): Promise<UndeliverableAddress | null> {
  const [row] = await db
    .select({ reason: undeliverableAddresses.reason, markedAt: undeliverableAddresses.markedAt })
    .from(undeliverableAddresses)
    .where(eq(undeliverableAddresses.address, normalizeEmailAddress(address)));
  return row ?? null;
}

/** Marks an address; a mark already there is kept as it is (a replayed event changes nothing). */
export async function markUndeliverableAddress(
  db: DatabaseExecutor,
  address: string,
  reason: string,
  notificationId: string | null,
): Promise<void> {
  await db
    .insert(undeliverableAddresses)
    .values({ address: normalizeEmailAddress(address), reason, notificationId })
    .onConflictDoNothing();
}

/** The user fixed their mailbox: mail to the address goes out again. True when there was a mark to clear. */
export async function clearUndeliverableAddress(db: Database, address: string): Promise<boolean> {
  const cleared = await db
    .delete(undeliverableAddresses)
    .where(eq(undeliverableAddresses.address, normalizeEmailAddress(address)))
    .returning({ address: undeliverableAddresses.address });
  return cleared.length > 0;
}

/** The account page's view of an address: deliverable, or why not since when. */
export async function readEmailDelivery(db: Database, address: string): Promise<EmailDeliveryOutput> {
  const marked = await findUndeliverableAddress(db, address);
  return {
    address,
    deliverable: marked === null,
    reason: marked ? (marked.reason === "complaint" ? "complaint" : "hard bounce") : null,
    markedAt: marked ? marked.markedAt.toISOString() : null,
  };
}
