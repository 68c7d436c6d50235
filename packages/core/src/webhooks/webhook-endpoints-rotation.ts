import { webhookEndpoints } from "@bookable/db";
import type { WebhookEndpointOutput } from "@bookable/validators";
import { eq } from "drizzle-orm";
import { findManagedEndpoint, type WebhookCaller } from "./webhook-endpoints-access.js";
import { lastDeliveries } from "./webhook-endpoints-crud.js";
import type { WebhookEndpointsDependencies } from "./webhook-endpoints-dependencies.js";
import { toWebhookEndpointOutput } from "./webhook-endpoints-output.js";
import { newWebhookSecret, sealWebhookSecret } from "./webhook-secret.js";

/** How long the replaced secret keeps signing beside the new one, so receivers can switch without a gap. */
export const PREVIOUS_SECRET_VALID_MS = 24 * 60 * 60 * 1000;

/**
 * A new secret, shown in this answer only. The current one becomes the previous secret for 24 hours
 * (deliveries carry a signature with each); a second rotation within them drops the oldest. Both stay
 * sealed: the sealed value is bound to the endpoint's id, not to its column, so it moves as is.
 */
export async function rotateWebhookSecret(
  deps: WebhookEndpointsDependencies,
  caller: WebhookCaller,
  endpointId: string,
  now = new Date(),
): Promise<WebhookEndpointOutput & { secret: string }> {
  const secret = newWebhookSecret();
  const row = await deps.db.transaction(async (transaction) => {
    const current = await findManagedEndpoint(transaction, caller, endpointId, { forUpdate: true });
    const [updated] = await transaction
      .update(webhookEndpoints)
      .set({
        sealedSecret: sealWebhookSecret(deps.secretBox, current.id, secret),
        sealedPreviousSecret: current.sealedSecret,
        previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_VALID_MS),
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, current.id))
      .returning();
    if (!updated) throw new Error("the endpoint update returned no row");
    return updated;
  });
  return { ...toWebhookEndpointOutput(row, (await lastDeliveries(deps.db, [row.id])).get(row.id)), secret };
}
