import { randomUUID } from "node:crypto";
import { type Database, webhookDeliveries, webhookEndpoints } from "@bookable/db";
import type { createWebhookEndpointInput, updateWebhookEndpointInput, WebhookEndpointOutput } from "@bookable/validators";
import { asc, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import {
  findManagedEndpoint,
  requireAllowedScheme,
  requireVerifiedCaller,
  type WebhookCaller,
} from "./webhook-endpoints-access.js";
import type { WebhookEndpointsDependencies } from "./webhook-endpoints-dependencies.js";
import { type LastDelivery, toWebhookEndpointOutput } from "./webhook-endpoints-output.js";
import { newWebhookSecret, sealWebhookSecret } from "./webhook-secret.js";

/** Registers an endpoint; the answer carries its secret, the one time it is ever readable outside the worker. */
export async function createWebhookEndpoint(
  deps: WebhookEndpointsDependencies,
  caller: WebhookCaller,
  input: z.output<typeof createWebhookEndpointInput>,
): Promise<WebhookEndpointOutput & { secret: string }> {
  requireVerifiedCaller(caller);
  requireAllowedScheme(input.url, deps.allowPlainHttp);
  // The id is chosen here because the sealed secret is bound to it (webhook-secret.ts).
  const id = randomUUID();
  const secret = newWebhookSecret();
  const [row] = await deps.db
    .insert(webhookEndpoints)
    .values({
      id,
      ownerId: caller.id,
      // An admin's endpoint hears every booking; a member's only their own (issue 16).
      scope: caller.role === "admin" ? "all" : "own",
      url: input.url,
      description: input.description || null,
      eventTypes: input.eventTypes,
      sealedSecret: sealWebhookSecret(deps.secretBox, id, secret),
    })
    .returning();
  if (!row) throw new Error("the endpoint insert returned no row");
  return { ...toWebhookEndpointOutput(row, undefined), secret };
}

/** Admins see every endpoint, a member their own; oldest first, so the list keeps its order as it grows. */
export async function listWebhookEndpoints(db: Database, caller: WebhookCaller): Promise<WebhookEndpointOutput[]> {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(caller.role === "admin" ? undefined : eq(webhookEndpoints.ownerId, caller.id))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  const last = await lastDeliveries(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toWebhookEndpointOutput(row, last.get(row.id)));
}

export async function getWebhookEndpoint(
  db: Database,
  caller: WebhookCaller,
  endpointId: string,
): Promise<WebhookEndpointOutput> {
  const row = await findManagedEndpoint(db, caller, endpointId);
  return toWebhookEndpointOutput(row, (await lastDeliveries(db, [row.id])).get(row.id));
}

/**
 * Changes what was sent. `disabled: true` pauses deliveries (a worker-made reason is kept if already
 * disabled); `disabled: false` resumes them and forgets the failure run, so the five-day clock starts afresh.
 */
export async function updateWebhookEndpoint(
  deps: WebhookEndpointsDependencies,
  caller: WebhookCaller,
  input: z.output<typeof updateWebhookEndpointInput>,
): Promise<WebhookEndpointOutput> {
  requireVerifiedCaller(caller);
  if (input.url !== undefined) requireAllowedScheme(input.url, deps.allowPlainHttp);
  const row = await deps.db.transaction(async (transaction) => {
    const current = await findManagedEndpoint(transaction, caller, input.id, { forUpdate: true });
    const now = new Date();
    const pause = input.disabled === true && !current.disabledAt ? { disabledAt: now, disabledReason: "Disabled by a user" } : {};
    const resume = input.disabled === false ? { disabledAt: null, disabledReason: null, failingSince: null } : {};
    const [updated] = await transaction
      .update(webhookEndpoints)
      .set({
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.eventTypes !== undefined ? { eventTypes: input.eventTypes } : {}),
        ...(input.description !== undefined ? { description: input.description || null } : {}),
        ...pause,
        ...resume,
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, current.id))
      .returning();
    if (!updated) throw new Error("the endpoint update returned no row");
    return updated;
  });
  return toWebhookEndpointOutput(row, (await lastDeliveries(deps.db, [row.id])).get(row.id));
}

/** Deletes the endpoint and its delivery log; queued jobs find no delivery and end without sending. */
export async function deleteWebhookEndpoint(db: Database, caller: WebhookCaller, endpointId: string): Promise<void> {
  const row = await findManagedEndpoint(db, caller, endpointId);
  await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, row.id));
}

/** Each endpoint's newest delivery, in one statement (DISTINCT ON over the endpoint's created_at index). */
export async function lastDeliveries(db: Database, endpointIds: string[]): Promise<Map<string, LastDelivery>> {
  if (endpointIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([webhookDeliveries.endpointId], {
      endpointId: webhookDeliveries.endpointId,
      status: webhookDeliveries.status,
      eventType: webhookDeliveries.eventType,
      createdAt: webhookDeliveries.createdAt,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      lastResponseStatus: webhookDeliveries.lastResponseStatus,
    })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.endpointId, endpointIds))
    .orderBy(webhookDeliveries.endpointId, desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id));
  return new Map(rows.map((row) => [row.endpointId, row]));
}
