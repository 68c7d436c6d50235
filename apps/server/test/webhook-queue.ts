import { WEBHOOK_QUEUE } from "@bookable/core";
import type { TestServer } from "./test-server.js";

/**
 * The webhook queue, created if the server has not prepared it: the delivery side prepares it at start with
 * its retry settings; tests of endpoint management only need jobs to have somewhere to go.
 */
export async function ensureWebhookQueue(server: TestServer): Promise<void> {
  const { jobs } = server.app.services;
  if (!(await jobs.getQueue(WEBHOOK_QUEUE))) await jobs.createQueue(WEBHOOK_QUEUE);
}
