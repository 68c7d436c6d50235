// Issue 16, outgoing webhooks: every booking change reaches a subscribed endpoint as a Standard Webhooks
// delivery, signed (checked here with the `standardwebhooks` library and with an independent HMAC), in the
// order the changes happened, retried after 500s and timeouts with the same webhook-id, signed with both
// secrets during a rotation, and an endpoint failing for days is disabled and its owner emailed. A real HTTP
// receiver on 127.0.0.1. On PGlite and PostgreSQL.

import { runPaymentsSweep } from "@bookable/core";
import { notifications, webhookDeliveries, webhookEndpoints } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import type { BookingOutput } from "@bookable/validators";
import { webhookEventTypeValues } from "@bookable/validators/enum-values";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair, trpcMutation } from "../test/account-helpers.js";
import { getBookingAs, makeHoldOverdue } from "../test/payment-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";
import {
  type ReceivedWebhook,
  registerWebhookEndpoint,
  startWebhookReceiver,
  verifyIndependently,
  verifyWithLibrary,
  type WebhookReceiver,
  waitUntil,
} from "../test/webhook-helpers.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Envelope {
  type: string;
  timestamp: string;
  data: BookingOutput;
}

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("webhook delivery on $driver", (target) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let member: string;
  let admin: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    server = await buildTestServer(target, {
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
      // The test runs the payments sweep itself.
      PAYMENTS_SWEEP_SECONDS: "300",
      HOLDS_PER_USER: "1000",
      BOOKINGS_PER_HOUR: "1000",
      // Retries in a test's time: 0.05 s, then 3 s; a receiver that stalls past 1 s has timed out.
      WEBHOOK_RETRY_BASE_SECONDS: "0.05",
      WEBHOOK_TIMEOUT_SECONDS: "1",
    });
    admin = await adminToken(server);
    member = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  async function book(resourceId: string, start: string): Promise<BookingOutput> {
    const response = await server.postJson(
      "/api/v1/bookings",
      { resourceId, start, attendee: { name: "Ada Lovelace", email: "ada@example.com" } },
      bearer(member),
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as BookingOutput;
  }

  /** The deliveries a path accepted (2xx), each verified both ways with the secret(s) given. */
  function accepted(path: string, ...secrets: string[]): { delivery: ReceivedWebhook; envelope: Envelope }[] {
    return receiver
      .to(path)
      .filter((delivery) => delivery.answer === 200)
      .map((delivery) => {
        for (const secret of secrets) {
          expect(verifyWithLibrary(secret, delivery)).toEqual(JSON.parse(delivery.body));
          expect(verifyIndependently(secret, delivery)).toBe(true);
        }
        return { delivery, envelope: JSON.parse(delivery.body) as Envelope };
      });
  }

  const deliveriesOf = (endpointId: string) =>
    server.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

  it("sends created, confirmed, rescheduled and cancelled in order, each the booking as GET returns it", async () => {
    const path = "/in-order";
    const endpoint = await registerWebhookEndpoint(server, { url: `${receiver.url}${path}` });
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const booking = await book(resource.id, slot.start);
    const moved = await server.postJson(
      `/api/v1/bookings/${booking.id}/reschedule`,
      { start: new Date(new Date(slot.start).getTime() + 2 * HOUR).toISOString() },
      bearer(member),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const cancelled = await server.postJson(`/api/v1/bookings/${booking.id}/cancel`, {}, bearer(member));
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    await waitUntil(() => accepted(path).length === 4, "four events arrived");
    const events = accepted(path, endpoint.secret);
    expect(events.map(({ envelope }) => envelope.type)).toEqual([
      "booking.created",
      "booking.confirmed",
      "booking.rescheduled",
      "booking.cancelled",
    ]);
    expect(events[0]?.envelope.data).toEqual(booking);
    expect(events[2]?.envelope.data).toEqual(moved.json());
    expect(events.at(-1)?.envelope.data).toEqual(await getBookingAs(server, member, booking.id));
    for (const { delivery, envelope } of events) {
      expect(delivery.headers["content-type"]).toBe("application/json");
      expect(delivery.headers["user-agent"]).toMatch(/^Bookable-Webhooks\//);
      expect(Number(delivery.headers["webhook-timestamp"])).toBeCloseTo(Date.now() / 1000, -2);
      expect(Date.parse(envelope.timestamp)).not.toBeNaN();
    }
    // One webhook-id per event: the delivery row's id. The receiver answers before the worker records it.
    await waitUntil(
      async () => (await deliveriesOf(endpoint.id)).every((row) => row.status === "delivered"),
      "the log says delivered",
    );
    const rows = await deliveriesOf(endpoint.id);
    expect(new Set(events.map(({ delivery }) => delivery.headers["webhook-id"]))).toEqual(new Set(rows.map((row) => row.id)));
    expect(rows.every((row) => row.status === "delivered" && row.attempts === 1 && row.lastResponseStatus === 200)).toBe(true);
  });

  it("announces payments, refunds, expired holds and waitlist offers", async () => {
    const path = "/everything";
    const endpoint = await registerWebhookEndpoint(server, {
      url: `${receiver.url}${path}`,
      eventTypes: [...webhookEventTypeValues],
    });
    const typesOf = (bookingId: string) =>
      accepted(path, endpoint.secret)
        .filter(({ envelope }) => envelope.data.id === bookingId)
        .map(({ envelope }) => envelope.type);

    // Paid at the (local) checkout, then cancelled by an admin with a refund.
    const priced = await createTestResource(server, { price: { amount: 2500, currency: "EUR" }, freeCancellationHours: 24 });
    const paid = await book(priced.id, (await firstFreeSlot(server, priced.id, 3)).start);
    const sessionId = /\/dev\/checkout\/(cs_local_[0-9a-f]+)$/.exec(paid.checkoutUrl ?? "")?.[1];
    const payment = await trpcMutation(server, "payments.payLocalCheckout", { sessionId }, bearer(member));
    expect(payment.statusCode, payment.body).toBe(200);
    expect((await server.postJson(`/api/v1/bookings/${paid.id}/cancel`, { refund: true }, bearer(admin))).statusCode).toBe(200);
    await waitUntil(() => typesOf(paid.id).length === 5, "the paid booking's five events arrived");
    expect(typesOf(paid.id)).toEqual([
      "booking.created",
      "payment.succeeded",
      "booking.confirmed",
      "booking.cancelled",
      "payment.refunded",
    ]);

    // A hold that ran out.
    const held = await book(priced.id, (await firstFreeSlot(server, priced.id, 5)).start);
    await makeHoldOverdue(server, held.id);
    await runPaymentsSweep(server.app.services.payments);
    await waitUntil(() => typesOf(held.id).length === 2, "the expired hold's events arrived");
    expect(typesOf(held.id)).toEqual(["booking.created", "booking.expired"]);

    // A seat freed in a full slot is offered to the first in the waitlist, who takes it.
    const free = await createTestResource(server);
    const slot = await firstFreeSlot(server, free.id);
    const taken = await book(free.id, slot.start);
    const waiting = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
    const joined = await server.postJson(
      `/api/v1/resources/${free.id}/waitlist`,
      { start: slot.start, attendee: { name: "Wai Ting", email: "wait@example.com" } },
      bearer(waiting),
    );
    expect(joined.statusCode, joined.body).toBe(201);
    expect((await server.postJson(`/api/v1/bookings/${taken.id}/cancel`, {}, bearer(member))).statusCode).toBe(200);
    const entries = await server.app.inject({ method: "GET", url: "/api/v1/me/waitlist", headers: bearer(waiting) });
    const entry = (entries.json().items as { id: string; bookingId: string | null }[])[0];
    if (!entry?.bookingId) throw new Error(`no offer: ${entries.body}`);
    expect((await server.postJson(`/api/v1/me/waitlist/${entry.id}/accept`, {}, bearer(waiting))).statusCode).toBe(200);
    await waitUntil(() => typesOf(entry.bookingId ?? "").length === 3, "the offer's events arrived");
    expect(typesOf(entry.bookingId)).toEqual(["booking.created", "waitlist.offered", "booking.confirmed"]);
  });

  it("sends a member's own endpoint only their bookings, and an admin's every booking", async () => {
    const ownerAccount = await registerVerifiedAccount(server);
    const owner = (await tokenPair(server, ownerAccount)).accessToken;
    const own = await registerWebhookEndpoint(server, {
      url: `${receiver.url}/own`,
      ownerEmail: ownerAccount.email,
      scope: "own",
      eventTypes: ["booking.created"],
    });
    const all = await registerWebhookEndpoint(server, { url: `${receiver.url}/all`, eventTypes: ["booking.created"] });
    const resource = await createTestResource(server);
    const theirs = await server.postJson(
      "/api/v1/bookings",
      {
        resourceId: resource.id,
        start: (await firstFreeSlot(server, resource.id)).start,
        attendee: { name: "O", email: "o@example.com" },
      },
      bearer(owner),
    );
    expect(theirs.statusCode, theirs.body).toBe(201);
    const someoneElses = await book(resource.id, (await firstFreeSlot(server, resource.id, 4)).start);

    await waitUntil(() => accepted("/all").length === 2 && accepted("/own").length === 1, "both endpoints heard theirs");
    expect(accepted("/own", own.secret).map(({ envelope }) => envelope.data.id)).toEqual([theirs.json().id]);
    expect(new Set(accepted("/all", all.secret).map(({ envelope }) => envelope.data.id))).toEqual(
      new Set([theirs.json().id, someoneElses.id]),
    );
  });

  it("retries after a 500 and after a timeout, with the same webhook-id, until delivered", async () => {
    const path = "/flaky";
    receiver.behave(path, ({ count }) => (count === 1 ? 500 : count === 2 ? "stall" : 200));
    const endpoint = await registerWebhookEndpoint(server, { url: `${receiver.url}${path}`, eventTypes: ["booking.created"] });
    const resource = await createTestResource(server);
    await book(resource.id, (await firstFreeSlot(server, resource.id)).start);

    await waitUntil(() => accepted(path).length === 1, "the third try was accepted", 20_000);
    const tries = receiver.to(path);
    expect(tries.map((delivery) => delivery.answer)).toEqual([500, "stalled", 200]);
    expect(new Set(tries.map((delivery) => delivery.headers["webhook-id"])).size).toBe(1);
    for (const delivery of tries) expect(verifyIndependently(endpoint.secret, delivery)).toBe(true);
    await waitUntil(async () => (await deliveriesOf(endpoint.id))[0]?.status === "delivered", "the log says delivered");
    const [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ attempts: 3, lastResponseStatus: 200, lastError: null });
    const [health] = await server.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(health?.failingSince).toBeNull();
  });

  it("keeps a booking's order when its first event had to be retried", async () => {
    const path = "/first-fails";
    receiver.behave(path, ({ count }) => (count === 1 ? 503 : 200));
    const endpoint = await registerWebhookEndpoint(server, { url: `${receiver.url}${path}` });
    const resource = await createTestResource(server);
    const booking = await book(resource.id, (await firstFreeSlot(server, resource.id)).start);
    const cancelled = await server.postJson(`/api/v1/bookings/${booking.id}/cancel`, {}, bearer(member));
    expect(cancelled.statusCode, cancelled.body).toBe(200);

    await waitUntil(() => accepted(path).length === 3, "three events arrived", 20_000);
    expect(receiver.to(path).map((delivery) => [JSON.parse(delivery.body).type, delivery.answer])).toEqual([
      ["booking.created", 503],
      ["booking.created", 200],
      ["booking.confirmed", 200],
      ["booking.cancelled", 200],
    ]);
    accepted(path, endpoint.secret);
  });

  it("signs with the new and the previous secret during a rotation, and with the new one alone after it", async () => {
    const previous = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const path = "/rotated";
    const rotated = await registerWebhookEndpoint(server, {
      url: `${receiver.url}${path}`,
      eventTypes: ["booking.created"],
      previousSecret: { secret: previous, expiresAt: new Date(Date.now() + DAY) },
    });
    const expiredPath = "/rotation-over";
    const over = await registerWebhookEndpoint(server, {
      url: `${receiver.url}${expiredPath}`,
      eventTypes: ["booking.created"],
      previousSecret: { secret: previous, expiresAt: new Date(Date.now() - 1000) },
    });
    const resource = await createTestResource(server);
    await book(resource.id, (await firstFreeSlot(server, resource.id)).start);

    await waitUntil(() => accepted(path).length === 1 && accepted(expiredPath).length === 1, "both endpoints heard it");
    const [during] = accepted(path, rotated.secret, previous);
    expect(String(during?.delivery.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    const [after] = accepted(expiredPath, over.secret);
    expect(String(after?.delivery.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(after && verifyIndependently(previous, after.delivery)).toBe(false);
    expect(() => after && verifyWithLibrary(previous, after.delivery)).toThrow();
  });

  it("disables an endpoint failing for five days and emails its owner", async () => {
    const path = "/down";
    receiver.behave(path, () => 502);
    const endpoint = await registerWebhookEndpoint(server, {
      url: `${receiver.url}${path}`,
      eventTypes: ["booking.created"],
      failingSince: new Date(Date.now() - 5 * DAY - HOUR),
    });
    const resource = await createTestResource(server);
    await book(resource.id, (await firstFreeSlot(server, resource.id)).start);

    await waitUntil(async () => (await deliveriesOf(endpoint.id))[0]?.status === "failed", "the delivery was given up");
    const [row] = await server.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row?.disabledAt).toBeInstanceOf(Date);
    expect(row?.disabledReason).toMatch(/HTTP 502/);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ attempts: 1, lastResponseStatus: 502 });
    expect(receiver.to(path)).toHaveLength(1);
    const emails = await server.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.template, "webhook-endpoint-disabled"), eq(notifications.recipient, "admin@example.com")));
    expect(emails).toHaveLength(1);

    // A disabled endpoint hears nothing more.
    await book(resource.id, (await firstFreeSlot(server, resource.id, 4)).start);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.to(path)).toHaveLength(1);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
  });
});

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("the SSRF guard on $driver", (target) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let member: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    server = await buildTestServer(target, {
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "false",
      WEBHOOK_RETRY_BASE_SECONDS: "60",
    });
    await adminToken(server);
    member = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it("refuses loopback by address and by a name resolving to it, records why, and sends nothing", async () => {
    const byAddress = await registerWebhookEndpoint(server, { url: `${receiver.url}/literal`, eventTypes: ["booking.created"] });
    const byName = await registerWebhookEndpoint(server, {
      url: `http://localhost:${receiver.port}/named`,
      eventTypes: ["booking.created"],
    });
    const mapped = await registerWebhookEndpoint(server, {
      url: `http://[::ffff:127.0.0.1]:${receiver.port}/mapped`,
      eventTypes: ["booking.created"],
    });
    const resource = await createTestResource(server);
    const response = await server.postJson(
      "/api/v1/bookings",
      {
        resourceId: resource.id,
        start: (await firstFreeSlot(server, resource.id)).start,
        attendee: { name: "Ada", email: "ada@example.com" },
      },
      bearer(member),
    );
    expect(response.statusCode, response.body).toBe(201);

    for (const endpoint of [byAddress, byName, mapped]) {
      await waitUntil(async () => {
        const [row] = await server.database.db
          .select()
          .from(webhookDeliveries)
          .where(eq(webhookDeliveries.endpointId, endpoint.id));
        return (row?.attempts ?? 0) >= 1;
      }, "the attempt was recorded");
      const [row] = await server.database.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, endpoint.id));
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastResponseStatus: null });
      expect(row?.lastError).toMatch(/not a public address/);
    }
    expect(receiver.received).toHaveLength(0);
  });
});
