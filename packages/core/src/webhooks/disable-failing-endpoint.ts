import { type DatabaseExecutor, users, type WebhookEndpointRow, webhookEndpoints } from "@bookable/db";
import { and, eq, isNull } from "drizzle-orm";
import { enqueueNotification } from "../notifications/enqueue-notification.js";
import type { NotificationOutbox } from "../notifications/notification-outbox.js";

/**
 * Disables an endpoint whose deliveries have all failed for too long (5 days by default), and emails its
 * owner (an admin for endpoints that hear every booking) in the same transaction. Only the first worker to
 * get here disables it and sends the email. Returns whether this call disabled it.
 */
export async function disableFailingEndpoint(
  transaction: DatabaseExecutor,
  outbox: NotificationOutbox,
  endpoint: WebhookEndpointRow,
  failingSince: Date,
  lastError: string,
  now: Date,
): Promise<boolean> {
  const [disabled] = await transaction
    .update(webhookEndpoints)
    .set({
      disabledAt: now,
      disabledReason: `Every delivery failed since ${failingSince.toISOString()} (last: ${lastError})`,
      updatedAt: now,
    })
    .where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.disabledAt)))
    .returning({ id: webhookEndpoints.id });
  if (!disabled) return false;
  const [owner] = await transaction
    .select({ id: users.id, email: users.email, username: users.username })
    .from(users)
    .where(eq(users.id, endpoint.ownerId));
  if (owner) {
    await enqueueNotification(transaction, outbox, {
      channel: "email",
      recipient: owner.email,
      userId: owner.id,
      template: "webhook-endpoint-disabled",
      data: {
        username: owner.username,
        url: endpoint.url,
        failingSince: failingSince.toISOString(),
        lastError,
        // Admins manage endpoints on the admin Webhooks page; a member's own endpoints live with their account.
        webhooksUrl: `${outbox.publicUrl}${endpoint.scope === "all" ? "/admin/webhooks" : "/account/webhooks"}`,
      },
    });
  }
  return true;
}
