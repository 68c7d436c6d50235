// Paid bookings in local payment mode (no Stripe keys): the whole flow works offline, through the same
// event processing as Stripe's webhooks. On PGlite and PostgreSQL.
import { expireOverdueHolds, runPaymentsSweep } from "@bookable/core";
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  bearer,
  registerVerifiedAccount,
  settleNotifications,
  tokenPair,
  trpcMutation,
  trpcQuery,
} from "../test/account-helpers.js";
import { bookAs, cancelAs, getBookingAs, makeHoldOverdue, settledState } from "../test/payment-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("local payment mode on $driver", (target) => {
  let server: TestServer;
  let member: { accessToken: string };
  let otherMember: { accessToken: string };
  let admin: string;

  const sessionIdOf = (checkoutUrl: string | null) => {
    const match = /\/dev\/checkout\/(cs_local_[0-9a-f]+)$/.exec(checkoutUrl ?? "");
    if (!match?.[1]) throw new Error(`not a local checkout URL: ${checkoutUrl}`);
    return match[1];
  };
  const pay = (token: string, sessionId: string) =>
    trpcMutation(server, "payments.payLocalCheckout", { sessionId }, bearer(token));
  const abandon = (token: string, sessionId: string) =>
    trpcMutation(server, "payments.abandonLocalCheckout", { sessionId }, bearer(token));

  async function heldBooking(options: { freeCancellationHours?: number; daysAhead?: number } = {}) {
    const resource = await createTestResource(server, {
      price: { amount: 2500, currency: "EUR" },
      freeCancellationHours: options.freeCancellationHours ?? 24,
    });
    const slot = await firstFreeSlot(server, resource.id, options.daysAhead ?? 3);
    const response = await bookAs(server, member.accessToken, { resourceId: resource.id, start: slot.start });
    expect(response.statusCode, response.body).toBe(201);
    const booking = response.json();
    return { resource, slot, booking, sessionId: sessionIdOf(booking.checkoutUrl) };
  }

  beforeAll(async () => {
    server = await buildTestServer(target, {
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
      PUBLIC_URL: "http://bookable.test",
      // The tests run the sweep themselves, at the moments they choose; the timer stays out of their way.
      PAYMENTS_SWEEP_SECONDS: "300",
      // One member holds a booking in almost every test, far past a person's limit (tested in booking-abuse).
      HOLDS_PER_USER: "1000",
      BOOKINGS_PER_HOUR: "1000",
    });
    member = await tokenPair(server, await registerVerifiedAccount(server));
    otherMember = await tokenPair(server, await registerVerifiedAccount(server));
    admin = await adminToken(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("holds a priced booking with a local checkout; paying there confirms it and marks it paid, once", async () => {
    const { booking, sessionId } = await heldBooking();
    expect(booking).toMatchObject({
      status: "held",
      checkoutUrl: `http://bookable.test/dev/checkout/${sessionId}`,
      payment: { mode: "local", status: "awaiting_payment", amount: 2500, currency: "EUR", paidAt: null, refund: null },
    });
    const checkout = await trpcQuery(server, "payments.localCheckout", { sessionId }, bearer(member.accessToken));
    expect(checkout.json().result.data).toMatchObject({ sessionId, bookingId: booking.id, amount: 2500, status: "open" });

    const paid = await pay(member.accessToken, sessionId);
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().result.data).toMatchObject({
      status: "confirmed",
      checkoutUrl: null,
      payment: { status: "paid", refund: null },
    });
    // Paying again (a double click, a replay) changes nothing.
    expect((await pay(member.accessToken, sessionId)).json().result.data.status).toBe("confirmed");
    expect((await settledState(server, booking.id)).outcome).toBe("confirmed-and-paid");
    // The booker was asked to pay (with the link), then told it is confirmed, once each.
    await settleNotifications(server);
    const templates = (server.app.services.localMailbox?.messages() ?? [])
      .filter((message) => message.text.includes(booking.id) || message.text.includes(booking.checkoutUrl))
      .map((message) => message.template)
      .sort();
    expect(templates).toEqual(["booking-confirmed", "booking-held"]);
    const held = server.app.services.localMailbox
      ?.messages()
      .find((message) => message.template === "booking-held" && message.text.includes(booking.checkoutUrl));
    expect(held?.text).toContain(booking.checkoutUrl);
  });

  it("releases the slot at once when the checkout is abandoned", async () => {
    const { resource, slot, booking, sessionId } = await heldBooking();
    expect((await bookAs(server, otherMember.accessToken, { resourceId: resource.id, start: slot.start })).statusCode).toBe(409);
    const abandoned = await abandon(member.accessToken, sessionId);
    expect(abandoned.json().result.data).toMatchObject({ status: "expired", checkoutUrl: null, payment: { status: "unpaid" } });
    expect((await settledState(server, booking.id)).outcome).toBe("expired-and-unpaid");
    expect((await bookAs(server, otherMember.accessToken, { resourceId: resource.id, start: slot.start })).statusCode).toBe(201);
  });

  it("shows a checkout only to its booker (and admins)", async () => {
    const { sessionId } = await heldBooking();
    expect((await trpcQuery(server, "payments.localCheckout", { sessionId }, bearer(otherMember.accessToken))).statusCode).toBe(
      404,
    );
    expect((await pay(otherMember.accessToken, sessionId)).statusCode).toBe(404);
    expect((await trpcQuery(server, "payments.localCheckout", { sessionId }, bearer(admin))).statusCode).toBe(200);
    expect((await trpcQuery(server, "payments.localCheckout", { sessionId })).statusCode).toBe(401);
  });

  it("expires an overdue hold without any request, closes its checkout, and a payment after that changes nothing", async () => {
    const { booking, sessionId } = await heldBooking();
    await makeHoldOverdue(server, booking.id);
    const sweep = await runPaymentsSweep(server.app.services.payments);
    expect(sweep.expiredBookingIds).toContain(booking.id);
    const checkout = await trpcQuery(server, "payments.localCheckout", { sessionId }, bearer(member.accessToken));
    expect(checkout.json().result.data.status).toBe("expired");
    expect((await pay(member.accessToken, sessionId)).json().result.data).toMatchObject({
      status: "expired",
      payment: { status: "unpaid" },
    });
    expect((await settledState(server, booking.id)).outcome).toBe("expired-and-unpaid");
  });

  it("confirms a payment that arrives after the hold expired when the slot is still free", async () => {
    const { resource, slot, booking, sessionId } = await heldBooking();
    await makeHoldOverdue(server, booking.id);
    // The hold is released (as a new booking of the resource or the sweep would), but the checkout was paid
    // before anyone closed it.
    await server.database.db.transaction((transaction) => expireOverdueHolds(transaction, new Date(), resource.id));
    expect((await getBookingAs(server, member.accessToken, booking.id)).status).toBe("expired");
    const paid = await pay(member.accessToken, sessionId);
    expect(paid.json().result.data).toMatchObject({ status: "confirmed", payment: { status: "paid", refund: null } });
    expect((await settledState(server, booking.id)).outcome).toBe("confirmed-and-paid");
    // It holds its seat again.
    expect((await bookAs(server, otherMember.accessToken, { resourceId: resource.id, start: slot.start })).statusCode).toBe(409);
  });

  it("refunds a late payment when the slot was taken meanwhile, and tells the booker why", async () => {
    const { resource, slot, booking, sessionId } = await heldBooking();
    await makeHoldOverdue(server, booking.id);
    const taken = await bookAs(server, otherMember.accessToken, { resourceId: resource.id, start: slot.start });
    expect(taken.statusCode).toBe(201);
    const paid = await pay(member.accessToken, sessionId);
    expect(paid.json().result.data).toMatchObject({
      status: "expired",
      payment: { status: "paid", refund: { status: "succeeded", amount: 2500, reason: "late_payment_slot_taken" } },
    });
    expect((await settledState(server, booking.id)).outcome).toBe("refunded");
    await settleNotifications(server);
    const email = server.app.services.localMailbox?.messages().find((message) => message.template === "payment-refunded");
    expect(email?.to).toBe("ada@example.com");
    expect(email?.text).toContain("someone else booked the slot");
  });

  describe("cancellation refunds", () => {
    async function paidBooking(freeCancellationHours: number) {
      const held = await heldBooking({ freeCancellationHours });
      expect((await pay(member.accessToken, held.sessionId)).json().result.data.status).toBe("confirmed");
      return held.booking.id as string;
    }

    it("refunds in full inside the free-cancellation window", async () => {
      const id = await paidBooking(24);
      const booking = await getBookingAs(server, member.accessToken, id);
      expect(Date.parse(booking.freeCancellationUntil ?? "")).toBe(Date.parse(booking.start) - 24 * 3_600_000);
      const cancelled = await cancelAs(server, member.accessToken, id);
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json()).toMatchObject({
        status: "cancelled",
        payment: { status: "paid", refund: { status: "succeeded", amount: 2500, reason: "cancelled_in_free_window" } },
      });
      expect((await settledState(server, id)).outcome).toBe("refunded");
    });

    it("refunds nothing after the window, and only an admin may decide otherwise", async () => {
      // The slot is 3 days ahead; a 30-day window has already closed.
      const id = await paidBooking(720);
      const refusal = await cancelAs(server, member.accessToken, id, { refund: true });
      expect(refusal.statusCode).toBe(403);
      expect(refusal.json().error.issues).toEqual([{ path: "refund", message: "Only admins may set this" }]);
      const cancelled = await cancelAs(server, member.accessToken, id);
      expect(cancelled.json()).toMatchObject({ status: "cancelled", payment: { status: "paid", refund: null } });
      expect((await settledState(server, id)).outcome).toBe("cancelled-kept");

      const other = await paidBooking(720);
      const byAdmin = await cancelAs(server, admin, other, { refund: true });
      expect(byAdmin.json()).toMatchObject({ payment: { refund: { status: "succeeded", reason: "cancelled_by_admin" } } });
    });

    it("lets an admin cancel without a refund even inside the window", async () => {
      const id = await paidBooking(24);
      const cancelled = await cancelAs(server, admin, id, { refund: false });
      expect(cancelled.json()).toMatchObject({ status: "cancelled", payment: { refund: null } });
    });

    it("closes the checkout of a cancelled hold so it can no longer be paid", async () => {
      const { booking, sessionId } = await heldBooking();
      const cancelled = await cancelAs(server, member.accessToken, booking.id);
      expect(cancelled.json()).toMatchObject({
        status: "cancelled",
        checkoutUrl: null,
        payment: { status: "unpaid", refund: null },
      });
      const checkout = await trpcQuery(server, "payments.localCheckout", { sessionId }, bearer(member.accessToken));
      expect(checkout.json().result.data.status).toBe("expired");
      expect((await settledState(server, booking.id)).outcome).toBe("cancelled-unpaid");
    });
  });

  it("leaves one consistent outcome when a payment and the hold's expiry happen at the same moment", async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round++) {
      const { booking, sessionId } = await heldBooking({ daysAhead: 3 + round });
      await makeHoldOverdue(server, booking.id);
      await Promise.allSettled([runPaymentsSweep(server.app.services.payments), pay(member.accessToken, sessionId)]);
      // Whatever the sweep left for later (a checkout to close), the next sweep finishes.
      await runPaymentsSweep(server.app.services.payments);
      const state = await settledState(server, booking.id);
      expect(["confirmed-and-paid", "expired-and-unpaid"]).toContain(state.outcome);
      outcomes.push(state.outcome);
    }
    expect(outcomes).toHaveLength(6);
  });
});

describe("without a payment provider in production", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await buildTestServer({ driver: "pglite" }, { NODE_ENV: "production", AUTH_RATE_LIMIT_PER_MINUTE: "10000" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses priced bookings with 503 (the local checkout would give slots away), books free ones, and has no webhook", async () => {
    const member = await tokenPair(server, await registerVerifiedAccount(server));
    const priced = await createTestResource(server, { price: { amount: 900, currency: "EUR" } });
    const slot = await firstFreeSlot(server, priced.id);
    const refused = await bookAs(server, member.accessToken, { resourceId: priced.id, start: slot.start });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      message: expect.stringContaining("Payments are not configured"),
    });
    const free = await createTestResource(server);
    const freeSlot = await firstFreeSlot(server, free.id);
    expect((await bookAs(server, member.accessToken, { resourceId: free.id, start: freeSlot.start })).json()).toMatchObject({
      status: "confirmed",
      payment: null,
      checkoutUrl: null,
      freeCancellationUntil: null,
    });
    expect(server.logs.some((line) => String(line.msg).includes("STRIPE_SECRET_KEY is not set"))).toBe(true);
    const webhook = await server.postJson("/webhooks/stripe", { id: "evt_1" }, { "stripe-signature": "t=1,v1=x" });
    expect(webhook.statusCode).toBe(404);
    expect(webhook.json().error.code).toBe("NOT_FOUND");
  });
});
