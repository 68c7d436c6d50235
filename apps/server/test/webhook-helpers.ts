import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { newWebhookSecret, sealWebhookSecret } from "@bookable/core";
import { users, webhookEndpoints } from "@bookable/db";
import type { WebhookEventType } from "@bookable/validators";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { TestServer } from "./test-server.js";

/** Test endpoints are written directly (the endpoint API is another part of issue 16), their secret sealed as the service does. */
export async function registerWebhookEndpoint(
  server: TestServer,
  options: {
    url: string;
    ownerEmail?: string;
    eventTypes?: WebhookEventType[];
    scope?: "all" | "own";
    previousSecret?: { secret: string; expiresAt: Date };
    failingSince?: Date;
  },
): Promise<{ id: string; secret: string }> {
  const [owner] = await server.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, options.ownerEmail ?? "admin@example.com"));
  if (!owner) throw new Error(`no account ${options.ownerEmail ?? "admin@example.com"}: register it first`);
  const id = crypto.randomUUID();
  const secret = newWebhookSecret();
  const box = server.app.services.outbox.secretBox;
  await server.database.db.insert(webhookEndpoints).values({
    id,
    ownerId: owner.id,
    scope: options.scope ?? "all",
    url: options.url,
    eventTypes: options.eventTypes ?? ["booking.created", "booking.confirmed", "booking.cancelled", "booking.rescheduled"],
    sealedSecret: sealWebhookSecret(box, id, secret),
    sealedPreviousSecret: options.previousSecret ? sealWebhookSecret(box, id, options.previousSecret.secret) : null,
    previousSecretExpiresAt: options.previousSecret?.expiresAt ?? null,
    failingSince: options.failingSince ?? null,
  });
  return { id, secret };
}

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered: a status, or nothing (it stalled past the sender's timeout). */
  answer: number | "stalled";
}

/** What the receiver answers a request with: a status, or "stall" (never answers). 200 when unset. */
export type ReceiverBehaviour = (request: {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  count: number;
}) => number | "stall";

/** A real HTTP receiver on 127.0.0.1 and a random port, recording every request. */
export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Requests to one path (each test uses its own path, so tests share one receiver). */
  to(path: string): ReceivedWebhook[];
  behave(path: string, behaviour: ReceiverBehaviour): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const behaviours = new Map<string, ReceiverBehaviour>();
  const stalled: ServerResponse[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      const body = Buffer.concat(chunks).toString("utf8");
      const count = received.filter((entry) => entry.path === path).length + 1;
      const answer = behaviours.get(path)?.({ path, headers: request.headers, body, count }) ?? 200;
      received.push({ path, headers: request.headers, body, answer: answer === "stall" ? "stalled" : answer });
      if (answer === "stall") {
        stalled.push(response);
        return;
      }
      response.writeHead(answer, { "content-type": "text/plain" });
      response.end(answer < 300 ? "ok" : "not now");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    to: (path) => received.filter((entry) => entry.path === path),
    behave: (path, behaviour) => behaviours.set(path, behaviour),
    async close() {
      for (const response of stalled) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function headerRecord(headers: IncomingHttpHeaders): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
    const value = headers[name];
    if (typeof value === "string") record[name] = value;
  }
  return record;
}

/** Verifies with the `standardwebhooks` library, as a receiver would; throws when the signature is wrong. */
export function verifyWithLibrary(secret: string, delivery: Pick<ReceivedWebhook, "headers" | "body">): unknown {
  return new Webhook(secret).verify(delivery.body, headerRecord(delivery.headers));
}

/**
 * A second, independent check of the signature, from the Standard Webhooks specification alone: HMAC-SHA256
 * with the base64-decoded secret after `whsec_`, over `${id}.${timestamp}.${body}`, base64, compared with each
 * space-separated `v1,` signature of the header.
 */
export function verifyIndependently(secret: string, delivery: Pick<ReceivedWebhook, "headers" | "body">): boolean {
  const { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": header } = headerRecord(delivery.headers);
  if (!id || !timestamp || !header) return false;
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${delivery.body}`).digest();
  return header.split(" ").some((signature) => {
    const [version, value] = signature.split(",");
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Polls until the condition holds, or fails naming what it waited for. */
export async function waitUntil(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
