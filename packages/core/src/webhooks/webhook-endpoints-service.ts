import type {
  createWebhookEndpointInput,
  listWebhookDeliveriesInput,
  updateWebhookEndpointInput,
  WebhookDeliveryOutput,
  WebhookEndpointOutput,
  WebhookEndpointWithSecretOutput,
} from "@bookable/validators";
import type { z } from "zod";
import type { WebhookCaller } from "./webhook-endpoints-access.js";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
} from "./webhook-endpoints-crud.js";
import { listWebhookDeliveries, resendWebhookDelivery, sendWebhookTestEvent } from "./webhook-endpoints-deliveries.js";
import type { WebhookEndpointsDependencies } from "./webhook-endpoints-dependencies.js";
import { rotateWebhookSecret } from "./webhook-endpoints-rotation.js";

/**
 * Outgoing webhook endpoints as the API offers them (issue 16): admins manage every endpoint, a member (by
 * session or API key) their own; another's answers 404. The secret is readable in `create` and `rotateSecret`
 * answers only.
 */
export interface WebhookEndpointsService {
  create(caller: WebhookCaller, input: z.output<typeof createWebhookEndpointInput>): Promise<WebhookEndpointWithSecretOutput>;
  list(caller: WebhookCaller): Promise<{ items: WebhookEndpointOutput[] }>;
  get(caller: WebhookCaller, endpointId: string): Promise<WebhookEndpointOutput>;
  update(caller: WebhookCaller, input: z.output<typeof updateWebhookEndpointInput>): Promise<WebhookEndpointOutput>;
  delete(caller: WebhookCaller, endpointId: string): Promise<void>;
  rotateSecret(caller: WebhookCaller, endpointId: string): Promise<WebhookEndpointWithSecretOutput>;
  listDeliveries(
    caller: WebhookCaller,
    input: z.output<typeof listWebhookDeliveriesInput>,
  ): Promise<{ items: WebhookDeliveryOutput[]; nextCursor: string | null }>;
  resend(caller: WebhookCaller, endpointId: string, deliveryId: string): Promise<WebhookDeliveryOutput>;
  sendTest(caller: WebhookCaller, input: { id: string; message?: string | undefined }): Promise<WebhookDeliveryOutput>;
}

export function createWebhookEndpointsService(deps: WebhookEndpointsDependencies): WebhookEndpointsService {
  const { db } = deps;
  return {
    create: (caller, input) => createWebhookEndpoint(deps, caller, input),
    list: async (caller) => ({ items: await listWebhookEndpoints(db, caller) }),
    get: (caller, endpointId) => getWebhookEndpoint(db, caller, endpointId),
    update: (caller, input) => updateWebhookEndpoint(deps, caller, input),
    delete: (caller, endpointId) => deleteWebhookEndpoint(db, caller, endpointId),
    rotateSecret: (caller, endpointId) => rotateWebhookSecret(deps, caller, endpointId),
    listDeliveries: (caller, input) => listWebhookDeliveries(db, caller, input),
    resend: (caller, endpointId, deliveryId) => resendWebhookDelivery(deps, caller, endpointId, deliveryId),
    sendTest: (caller, input) => sendWebhookTestEvent(deps, caller, input),
  };
}
