// Paid bookings through the real Stripe SDK against a local fake of Stripe that validates every request
// against Stripe's OpenAPI document; webhooks signed with the SDK's own test helper. PGlite and PostgreSQL.
import { runPaymentsSweep } from "@bookable/core";
import { payments } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { type FakeStripeServer, signedWebhook, startFakeStripeServer, stripeEvent } from "@bookable/testing";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { bookAs, cancelAs, getBookingAs, makeHoldOverdue, settledState } from "../test/payment-helpers.js";
import { createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const WEBHOOK_SECRET = "whsec_test_bookable_secret";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("Stripe payments on $driver", (target) => {
  let stripe: FakeStripeServer;
  let server: TestServer;
  let member: { accessToken: string };
  let otherMember: { accessToken: string };
  let dayOffset = 2;

  beforeAll(async () => {
    stripe = await startFakeStripeServer();
    server = await buildTestServer(target, {
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
      PUBLIC_URL: "https://bookable.test",
      STRIPE_SECRET_KEY: "sk_test_bookable",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: stripe.url,
      // The tests run the sweep themselves, at the moments they choose; the timer stays out of their way.
      PAYMENTS_SWEEP_SECONDS: "300",
      // One member holds a booking in almost every test, far past a person's limit (tested in booking-abuse).
      HOLDS_PER_USER: "1000",
      BOOKINGS_PER_HOUR: "1000",
    });
    member = await tokenPair(server, await registerVerifiedAccount(server));
    otherMember = await tokenPair(server, await registerVerifiedAccount(server));
  });
  afterEach(() => {
    // A request the Stripe API description does not allow fails the test, whatever the test asserted.
    stripe.assertAllRequestsValid();
  });
  afterAll(async () => {
    await server?.close();
    await stripe?.close();
  });

  /** A held booking of a new priced resource, with its Checkout Session at the fake Stripe. */
  async function heldBooking(options: { freeCancellationHours?: number } = {}) {
    const resource = await createTestResource(server, {
      price: { amount: 3000, currency: "EUR" },
      freeCancellationHours: options.freeCancellationHours ?? 24,
    });
    // Each booking on its own day, so no two tests' slots interact.
    dayOffset += 1;
    const slot = await firstFreeSlot(server, resource.id, dayOffset);
    const response = await bookAs(server, member.accessToken, { resourceId: resource.id, start: slot.start });
    expect(response.statusCode, response.body).toBe(201);
    const booking = response.json();
    // The fake's checkout page URL ends with the session id.
    const sessionId = String(booking.checkoutUrl).split("/").at(-1) ?? "";
    expect(stripe.session(sessionId)?.status).toBe("open");
    return { resource, slot, booking, sessionId };
  }

  function deliver(type: string, object: object, eventId?: string, secret = WEBHOOK_SECRET) {
    const { payload, signature } = signedWebhook(stripeEvent(type, object, eventId), secret);
    return server.app.inject({
      method: "POST",
      url: "/webhooks/stripe",
      headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature },
      payload,
    });
  }

  it("opens a Checkout Session for a priced booking: amount, currency, booking id, expiry equal to the hold, idempotency key", async () => {
    const { booking, sessionId } = await heldBooking();
    const request = stripe.requestsTo("POST", "/v1/checkout/sessions").at(-1);
    expect(request?.body).toMatchObject({
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 3000 } }],
      metadata: { booking_id: booking.id },
      client_reference_id: booking.id,
      customer_email: "ada@example.com",
      success_url: `https://bookable.test/bookings/${booking.id}?checkout=success`,
      cancel_url: `https://bookable.test/bookings/${booking.id}?checkout=cancelled`,
    });
    expect(request?.idempotencyKey).toMatch(/^bookable-checkout-[0-9a-f-]{36}$/);
    // Stripe's minimum is 30 minutes after creation; a 30-minute hold may be moved up by a few seconds.
    const expiresAt = Number(request?.body.expires_at) * 1000;
    expect(Math.abs(expiresAt - Date.parse(booking.holdExpiresAt))).toBeLessThan(10_000);
    expect(booking).toMatchObject({
      status: "held",
      checkoutUrl: stripe.session(sessionId)?.url,
      payment: { mode: "stripe", status: "awaiting_payment", amount: 3000, currency: "EUR" },
    });
  });

  it("confirms the booking on a correctly signed checkout.session.completed", async () => {
    const { booking, sessionId } = await heldBooking();
    const session = stripe.completeSession(sessionId);
    const response = await deliver("checkout.session.completed", session);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ received: true, outcome: "confirmed" });
    expect(await getBookingAs(server, member.accessToken, booking.id)).toMatchObject({
      status: "confirmed",
      checkoutUrl: null,
      payment: { status: "paid", refund: null },
    });
    expect((await settledState(server, booking.id)).outcome).toBe("confirmed-and-paid");
  });

  it("refuses a bad or missing signature with 400 and changes nothing", async () => {
    const { booking, sessionId } = await heldBooking();
    const session = stripe.completeSession(sessionId);
    const wrongSecret = await deliver("checkout.session.completed", session, undefined, "whsec_someone_else");
    expect(wrongSecret.statusCode).toBe(400);
    expect(wrongSecret.json().error).toMatchObject({ code: "BAD_REQUEST", errorId: expect.any(String) });
    const { payload, signature } = signedWebhook(stripeEvent("checkout.session.completed", session), WEBHOOK_SECRET);
    const tampered = await server.app.inject({
      method: "POST",
      url: "/webhooks/stripe",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      payload: payload.replace(sessionId, "cs_test_forged"),
    });
    expect(tampered.statusCode).toBe(400);
    const unsigned = await server.postJson("/webhooks/stripe", stripeEvent("checkout.session.completed", session));
    expect(unsigned.statusCode).toBe(400);
    expect((await getBookingAs(server, member.accessToken, booking.id)).status).toBe("held");
  });

  it("processes an event delivered ten times once", async () => {
    const { booking, sessionId } = await heldBooking();
    const session = stripe.completeSession(sessionId);
    const eventId = `evt_replay_${booking.id}`;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => deliver("checkout.session.completed", session, eventId)),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(10).fill(200));
    const outcomes = responses.map((response) => response.json().outcome);
    expect(outcomes.filter((outcome) => outcome === "confirmed")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome !== "confirmed").every((outcome) => outcome === "duplicate_event")).toBe(true);
    // Once more, later: answered from the record, without asking Stripe.
    const reads = stripe.countRequests("GET", `/v1/checkout/sessions/${sessionId}`);
    expect((await deliver("checkout.session.completed", session, eventId)).json().outcome).toBe("duplicate_event");
    expect(stripe.countRequests("GET", `/v1/checkout/sessions/${sessionId}`)).toBe(reads);
    expect((await settledState(server, booking.id)).outcome).toBe("confirmed-and-paid");
  });

  it("answers 500 and records nothing when Stripe cannot be asked, so Stripe's redelivery confirms the booking", async () => {
    const { booking, sessionId } = await heldBooking();
    const session = stripe.completeSession(sessionId);
    const eventId = `evt_outage_${booking.id}`;
    stripe.failNext("GET", `/v1/checkout/sessions/${sessionId}`, 500, 3);
    const failed = await deliver("checkout.session.completed", session, eventId);
    expect(failed.statusCode).toBe(500);
    expect(failed.json().error).toMatchObject({ code: "INTERNAL", errorId: expect.any(String) });
    expect((await getBookingAs(server, member.accessToken, booking.id)).status).toBe("held");
    const redelivered = await deliver("checkout.session.completed", session, eventId);
    expect(redelivered.json().outcome).toBe("confirmed");
    expect((await settledState(server, booking.id)).outcome).toBe("confirmed-and-paid");
  });

  it("ignores unknown event types with 200", async () => {
    const response = await deliver("customer.created", { id: "cus_123", object: "customer" });
    expect(response.statusCode).toBe(200);
    expect(response.json().outcome).toBe("ignored");
  });

  describe("out-of-order delivery", () => {
    it("an `expired` event arriving after the session was paid does not release it; the late `completed` changes nothing", async () => {
      const { booking, sessionId } = await heldBooking();
      const paid = stripe.completeSession(sessionId);
      // Stripe sent (or someone replayed) an expired event, and it arrives first.
      expect((await deliver("checkout.session.expired", { ...paid, status: "expired" })).json().outcome).toBe("confirmed");
      expect((await deliver("checkout.session.completed", paid)).json().outcome).toBe("unchanged");
      expect((await settledState(server, booking.id)).outcome).toBe("confirmed-and-paid");
    });

    it("a `completed` event for a session that really expired is not believed", async () => {
      const { booking, sessionId } = await heldBooking();
      const expired = stripe.expireSession(sessionId);
      expect(
        (await deliver("checkout.session.completed", { ...expired, status: "complete", payment_status: "paid" })).json().outcome,
      ).toBe("released");
      expect((await deliver("checkout.session.expired", expired)).json().outcome).toBe("unchanged");
      expect((await settledState(server, booking.id)).outcome).toBe("expired-and-unpaid");
    });
  });

  describe("late payment", () => {
    it("confirms a payment that completes after the hold was released when the slot is still free", async () => {
      const { booking, sessionId } = await heldBooking();
      await makeHoldOverdue(server, booking.id);
      // The customer paid at Stripe a moment before the sweep tried to close the session.
      const paid = stripe.completeSession(sessionId);
      await runPaymentsSweep(server.app.services.payments);
      expect((await deliver("checkout.session.completed", paid)).json().outcome).toMatch(
        /^(confirmed|confirmed_late|unchanged)$/,
      );
      expect((await settledState(server, booking.id)).outcome).toBe("confirmed-and-paid");
      expect(stripe.refunds()).toHaveLength(0);
    });

    it("refunds a late payment through Stripe when the slot was taken meanwhile", async () => {
      const { resource, slot, booking, sessionId } = await heldBooking();
      await makeHoldOverdue(server, booking.id);
      expect((await bookAs(server, otherMember.accessToken, { resourceId: resource.id, start: slot.start })).statusCode).toBe(
        201,
      );
      const paid = stripe.completeSession(sessionId);
      expect((await deliver("checkout.session.completed", paid)).json().outcome).toBe("refunded_slot_taken");
      const refunds = stripe.refunds().filter((refund) => refund.payment_intent === paid.payment_intent);
      expect(refunds).toHaveLength(1);
      expect(refunds[0]).toMatchObject({ amount: 3000, status: "succeeded" });
      expect(stripe.requestsTo("POST", "/v1/refunds").at(-1)?.idempotencyKey).toMatch(/^bookable-refund-/);
      expect(await getBookingAs(server, member.accessToken, booking.id)).toMatchObject({
        status: "expired",
        payment: { status: "paid", refund: { status: "succeeded", amount: 3000, reason: "late_payment_slot_taken" } },
      });
      expect((await settledState(server, booking.id)).outcome).toBe("refunded");
    });

    it("refunds a payment that completes after the booking was cancelled", async () => {
      const { booking, sessionId } = await heldBooking();
      // Paid at Stripe while the booker cancels in Bookable: cancelling then finds the session complete.
      stripe.completeSession(sessionId);
      const cancelled = await cancelAs(server, member.accessToken, booking.id);
      expect(cancelled.json()).toMatchObject({
        status: "cancelled",
        payment: { status: "paid", refund: { status: "succeeded", reason: "paid_after_cancellation" } },
      });
      expect((await settledState(server, booking.id)).outcome).toBe("refunded");
    });
  });

  it("expires an overdue hold without any request and expires its Checkout Session at Stripe", async () => {
    const { booking, sessionId } = await heldBooking();
    await makeHoldOverdue(server, booking.id);
    await runPaymentsSweep(server.app.services.payments);
    expect(stripe.session(sessionId)?.status).toBe("expired");
    expect(stripe.countRequests("POST", `/v1/checkout/sessions/${sessionId}/expire`)).toBe(1);
    expect((await settledState(server, booking.id)).outcome).toBe("expired-and-unpaid");
    // The next sweep has nothing left to do for it.
    await runPaymentsSweep(server.app.services.payments);
    expect(stripe.countRequests("POST", `/v1/checkout/sessions/${sessionId}/expire`)).toBe(1);
  });

  it("leaves exactly one consistent outcome when the payment webhook and the hold expiry race", async () => {
    const refundsBefore = stripe.refunds().length;
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      const { booking, sessionId } = await heldBooking();
      await makeHoldOverdue(server, booking.id);
      const paid = stripe.completeSession(sessionId);
      await Promise.all([deliver("checkout.session.completed", paid), runPaymentsSweep(server.app.services.payments)]);
      await runPaymentsSweep(server.app.services.payments);
      const state = await settledState(server, booking.id);
      // The money was taken and nobody else wanted the slot: whichever ran first, the booking is confirmed.
      expect(state.outcome).toBe("confirmed-and-paid");
      outcomes.push(state.outcome);
    }
    for (let round = 0; round < 5; round++) {
      const { booking, sessionId } = await heldBooking();
      await makeHoldOverdue(server, booking.id);
      const expired = stripe.expireSession(sessionId);
      await Promise.all([deliver("checkout.session.expired", expired), runPaymentsSweep(server.app.services.payments)]);
      expect((await settledState(server, booking.id)).outcome).toBe("expired-and-unpaid");
    }
    expect(stripe.refunds()).toHaveLength(refundsBefore);
  });

  describe("cancellation refunds", () => {
    async function paidBooking(freeCancellationHours = 24) {
      const held = await heldBooking({ freeCancellationHours });
      await deliver("checkout.session.completed", stripe.completeSession(held.sessionId));
      return held;
    }

    it("refunds in full through Stripe inside the free-cancellation window, with an idempotency key", async () => {
      const { booking } = await paidBooking();
      const cancelled = await cancelAs(server, member.accessToken, booking.id);
      expect(cancelled.json()).toMatchObject({
        status: "cancelled",
        payment: { refund: { status: "succeeded", amount: 3000, reason: "cancelled_in_free_window" } },
      });
      const request = stripe.requestsTo("POST", "/v1/refunds").at(-1);
      expect(request?.idempotencyKey).toMatch(/^bookable-refund-[0-9a-f-]{36}$/);
      expect(request?.body).toMatchObject({ amount: 3000, metadata: { booking_id: booking.id } });
    });

    it("refunds nothing outside the window", async () => {
      const refundsBefore = stripe.refunds().length;
      const { booking } = await paidBooking(24 * 30);
      expect((await cancelAs(server, member.accessToken, booking.id)).json()).toMatchObject({
        status: "cancelled",
        payment: { refund: null },
      });
      expect(stripe.refunds()).toHaveLength(refundsBefore);
    });

    it("keeps a refund Stripe failed to take as pending and sends it again at the next sweep, once", async () => {
      const { booking } = await paidBooking();
      // The SDK retries twice itself; all three attempts fail.
      stripe.failNext("POST", "/v1/refunds", 500, 3);
      const cancelled = await cancelAs(server, member.accessToken, booking.id);
      expect(cancelled.json()).toMatchObject({ status: "cancelled", payment: { refund: { status: "pending" } } });
      await runPaymentsSweep(server.app.services.payments);
      expect(await getBookingAs(server, member.accessToken, booking.id)).toMatchObject({
        payment: { refund: { status: "succeeded" } },
      });
      const paymentIntent = (await settledState(server, booking.id)).payment.providerPaymentId;
      expect(stripe.refunds().filter((refund) => refund.payment_intent === paymentIntent)).toHaveLength(1);
    });

    it("records a refund made in the Stripe dashboard from its refund event", async () => {
      const { booking } = await paidBooking();
      const paymentIntent = (await settledState(server, booking.id)).payment.providerPaymentId ?? "";
      const client = new Stripe("sk_test_dashboard", { host: stripe.host, port: stripe.port, protocol: stripe.protocol });
      const refund = await client.refunds.create({ payment_intent: paymentIntent, amount: 1000 });
      expect((await deliver("refund.created", refund)).json().outcome).toBe("recorded_provider_refund");
      expect(await getBookingAs(server, member.accessToken, booking.id)).toMatchObject({
        status: "confirmed",
        payment: { status: "paid", refund: { status: "succeeded", amount: 1000, reason: "refunded_at_provider" } },
      });
    });
  });

  describe("a Checkout Session that does not match the booking (issue 11)", () => {
    /** Someone with the API key opens a session of their own whose metadata names our booking. */
    async function foreignSession(bookingId: string, amount: number, currency: string) {
      const client = new Stripe("sk_test_bookable", { host: stripe.host, port: stripe.port, protocol: "http", telemetry: false });
      const session = await client.checkout.sessions.create({
        mode: "payment",
        line_items: [{ quantity: 1, price_data: { currency, unit_amount: amount, product_data: { name: "Not Bookable's" } } }],
        metadata: { booking_id: bookingId },
        client_reference_id: bookingId,
        success_url: "https://attacker.example/done",
      });
      return stripe.completeSession(session.id);
    }
    const mismatchLogs = () =>
      server.logs.filter(
        (line) => line.msg === "a checkout names a booking but does not match its payment; the booking is not confirmed",
      );

    it("does not confirm a booking through another paid session naming it in metadata, refunds that session and logs the ids", async () => {
      const { booking, sessionId } = await heldBooking();
      const foreign = await foreignSession(booking.id, 3000, "eur");
      const response = await deliver("checkout.session.completed", foreign);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ received: true, outcome: "rejected_mismatch" });
      expect(await getBookingAs(server, member.accessToken, booking.id)).toMatchObject({
        status: "held",
        payment: { status: "awaiting_payment" },
      });
      const refunds = stripe.refunds().filter((refund) => refund.payment_intent === foreign.payment_intent);
      expect(refunds).toHaveLength(1);
      expect(refunds[0]?.amount).toBe(3000);
      expect(mismatchLogs().at(-1)).toMatchObject({
        level: 50,
        bookingId: booking.id,
        checkoutSessionId: foreign.id,
        recordedCheckoutSessionId: sessionId,
        reason: "foreign_checkout",
      });
      // The booking's own session still confirms it.
      const own = await deliver("checkout.session.completed", stripe.completeSession(sessionId));
      expect(own.json()).toEqual({ received: true, outcome: "confirmed" });
    });

    it("does not confirm through a session for less money, or in another currency, even before the booking records its session", async () => {
      for (const [amount, currency] of [
        [100, "eur"],
        [3000, "usd"],
      ] as const) {
        const { booking } = await heldBooking();
        // As if the server had stopped between opening its checkout and storing the session id.
        await server.database.db.update(payments).set({ checkoutSessionId: null }).where(eq(payments.bookingId, booking.id));
        const cheap = await foreignSession(booking.id, amount, currency);
        const response = await deliver("checkout.session.completed", cheap);
        expect(response.json()).toEqual({ received: true, outcome: "rejected_mismatch" });
        const state = await settledState(server, booking.id);
        expect(state.booking.status).toBe("held");
        expect(state.payment.status).toBe("awaiting_payment");
        expect(stripe.refunds().filter((refund) => refund.payment_intent === cheap.payment_intent)).toHaveLength(1);
        expect(mismatchLogs().at(-1)).toMatchObject({
          bookingId: booking.id,
          checkoutSessionId: cheap.id,
          expected: { amount: 3000, currency: "EUR" },
          received: { amount, currency },
          reason: "amount_or_currency",
        });
      }
    });
  });

  it("answers 503 and books nothing when Stripe cannot open the checkout", async () => {
    const resource = await createTestResource(server, { price: { amount: 3000, currency: "EUR" } });
    const slot = await firstFreeSlot(server, resource.id, 40);
    stripe.failNext("POST", "/v1/checkout/sessions", 503, 3);
    const refused = await bookAs(server, member.accessToken, { resourceId: resource.id, start: slot.start });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe("SERVICE_UNAVAILABLE");
    // The slot is free again at once.
    expect((await bookAs(server, otherMember.accessToken, { resourceId: resource.id, start: slot.start })).statusCode).toBe(201);
  });

  it("releases an overdue hold and expires its session on schedule, with no request arriving", async () => {
    const scheduled = await buildTestServer(target, {
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
      STRIPE_SECRET_KEY: "sk_test_bookable",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: stripe.url,
      PAYMENTS_SWEEP_SECONDS: "1",
    });
    try {
      const booker = await tokenPair(scheduled, await registerVerifiedAccount(scheduled));
      const resource = await createTestResource(scheduled, { price: { amount: 3000, currency: "EUR" } });
      const slot = await firstFreeSlot(scheduled, resource.id);
      const booking = (await bookAs(scheduled, booker.accessToken, { resourceId: resource.id, start: slot.start })).json();
      const sessionId = String(booking.checkoutUrl).split("/").at(-1) ?? "";
      await makeHoldOverdue(scheduled, booking.id);
      // Nothing is called: the server's own sweep (every second here) must do it.
      // The session is expired at Stripe first and the payment row updated after, so wait for the latter.
      const deadline = Date.now() + 15_000;
      while ((await settledState(scheduled, booking.id)).outcome !== "expired-and-unpaid" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stripe.session(sessionId)?.status).toBe("expired");
      expect((await settledState(scheduled, booking.id)).outcome).toBe("expired-and-unpaid");
      expect(scheduled.logs.some((line) => line.msg === "released expired holds")).toBe(true);
    } finally {
      await scheduled.close();
    }
  });
});
