import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeStripeServer, signedWebhook, startFakeStripeServer, stripeEvent, stripeSpecTimings } from "./index.js";

let server: FakeStripeServer;
let stripe: Stripe;

beforeAll(async () => {
  server = await startFakeStripeServer();
  stripe = new Stripe("sk_test_fake", { host: server.host, port: server.port, protocol: server.protocol, maxNetworkRetries: 0 });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.reset();
});

const bookingId = "0b7e2d3c-5a4f-4f7e-9d1a-3c2b1a0f9e8d";

/** The parameters Bookable sends when a customer starts paying for a booking. */
function checkoutParams(expiresAt = nowInSeconds() + 45 * 60): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [{ price_data: { currency: "eur", unit_amount: 3000, product_data: { name: "Haircut, 30 min" } }, quantity: 1 }],
    metadata: { booking_id: bookingId },
    client_reference_id: bookingId,
    customer_email: "ada@example.com",
    expires_at: expiresAt,
    success_url: "https://bookable.test/bookings/success?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "https://bookable.test/bookings/cancelled",
  };
}

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

async function paidSession(): Promise<Stripe.Checkout.Session> {
  const session = await stripe.checkout.sessions.create(checkoutParams(), { idempotencyKey: `checkout-${bookingId}` });
  server.completeSession(session.id);
  return stripe.checkout.sessions.retrieve(session.id);
}

describe("checkout sessions", () => {
  it("creates an open session from Bookable's parameters", async () => {
    const expiresAt = nowInSeconds() + 45 * 60;
    const session = await stripe.checkout.sessions.create(checkoutParams(expiresAt), { idempotencyKey: "create-1" });

    expect(session).toMatchObject({
      object: "checkout.session",
      status: "open",
      payment_status: "unpaid",
      payment_intent: null,
      amount_total: 3000,
      currency: "eur",
      metadata: { booking_id: bookingId },
      client_reference_id: bookingId,
      customer_email: "ada@example.com",
      expires_at: expiresAt,
      mode: "payment",
      url: `${server.url}/pay/${session.id}`,
    });
    expect(session.id).toMatch(/^cs_test_\w+$/);
    const [request] = server.requests;
    expect(request).toMatchObject({
      method: "POST",
      path: "/v1/checkout/sessions",
      operationId: "PostCheckoutSessions",
      idempotencyKey: "create-1",
      headers: { stripeVersion: Stripe.API_VERSION, authorization: "Bearer sk_test_fake" },
      body: { line_items: [{ price_data: { unit_amount: 3000 }, quantity: 1 }], metadata: { booking_id: bookingId } },
    });
    server.assertAllRequestsValid();
  });

  it("retrieves a session, and answers resource_missing for an unknown one", async () => {
    const created = await stripe.checkout.sessions.create(checkoutParams());

    await expect(stripe.checkout.sessions.retrieve(created.id)).resolves.toMatchObject({ id: created.id, status: "open" });
    const missing = stripe.checkout.sessions.retrieve("cs_test_unknown");
    await expect(missing).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(missing).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
    server.assertAllRequestsValid();
  });

  it("expires an open session once", async () => {
    const { id } = await stripe.checkout.sessions.create(checkoutParams());

    await expect(stripe.checkout.sessions.expire(id)).resolves.toMatchObject({ id, status: "expired", url: null });
    const again = stripe.checkout.sessions.expire(id);
    await expect(again).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(again).rejects.toThrow(/Only Checkout Sessions with a status in \["open"\] can be expired/);
    expect(server.session(id)?.status).toBe("expired");
    server.assertAllRequestsValid();
  });

  it("replays a create with a reused idempotency key and refuses the key for other parameters", async () => {
    const first = await stripe.checkout.sessions.create(checkoutParams(nowInSeconds() + 3600), { idempotencyKey: "booking-1" });
    const second = await stripe.checkout.sessions.create(checkoutParams(first.expires_at), { idempotencyKey: "booking-1" });

    expect(second.id).toBe(first.id);
    expect(server.requests.map((request) => request.idempotentReplayed)).toEqual([false, true]);
    const other = stripe.checkout.sessions.create(checkoutParams(first.expires_at + 60), { idempotencyKey: "booking-1" });
    await expect(other).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    server.assertAllRequestsValid();
  });

  it("refuses an expires_at less than 30 minutes away, as Stripe does", async () => {
    const tooSoon = stripe.checkout.sessions.create(checkoutParams(nowInSeconds() + 10 * 60));

    await expect(tooSoon).rejects.toMatchObject({ statusCode: 400, param: "expires_at" });
    expect(server.invalidRequests).toHaveLength(1);
  });

  it("completes a session with a succeeded payment intent and charge", async () => {
    const session = await paidSession();

    expect(session).toMatchObject({ status: "complete", payment_status: "paid", url: null });
    expect(session.payment_intent).toMatch(/^pi_/);
    const expanded = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
    expect(expanded.payment_intent).toMatchObject({
      object: "payment_intent",
      status: "succeeded",
      amount: 3000,
      latest_charge: { object: "charge", amount: 3000, captured: true },
    });
    const paymentIntent = await stripe.paymentIntents.retrieve(String(session.payment_intent));
    await expect(stripe.charges.retrieve(String(paymentIntent.latest_charge))).resolves.toMatchObject({
      payment_intent: paymentIntent.id,
      amount_refunded: 0,
    });
    server.assertAllRequestsValid();
  });
});

describe("refunds", () => {
  it("refunds once per idempotency key, then refuses a refund of a fully refunded payment", async () => {
    const { payment_intent } = await paidSession();
    const paymentIntent = String(payment_intent);
    const params: Stripe.RefundCreateParams = {
      payment_intent: paymentIntent,
      reason: "requested_by_customer",
      metadata: { booking_id: bookingId },
    };

    const refund = await stripe.refunds.create(params, { idempotencyKey: `refund-${bookingId}` });
    const replayed = await stripe.refunds.create(params, { idempotencyKey: `refund-${bookingId}` });

    expect(replayed.id).toBe(refund.id);
    expect(refund).toMatchObject({ object: "refund", status: "succeeded", amount: 3000, payment_intent: paymentIntent });
    expect(server.refunds()).toHaveLength(1);
    await expect(stripe.refunds.retrieve(refund.id)).resolves.toMatchObject({ id: refund.id, amount: 3000 });
    const again = stripe.refunds.create({ payment_intent: paymentIntent });
    await expect(again).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(again).rejects.toMatchObject({ code: "charge_already_refunded" });
    server.assertAllRequestsValid();
  });

  it("refunds what is left after a partial refund", async () => {
    const paymentIntent = String((await paidSession()).payment_intent);

    await stripe.refunds.create({ payment_intent: paymentIntent, amount: 1000 });
    const rest = await stripe.refunds.create({ payment_intent: paymentIntent });

    expect(rest.amount).toBe(2000);
    const charge = server.charge(String((await stripe.paymentIntents.retrieve(paymentIntent)).latest_charge));
    expect(charge).toMatchObject({ amount_refunded: 3000, refunded: true });
  });
});

describe("request validation", () => {
  it("refuses a value of the wrong type and records it", async () => {
    const params = checkoutParams();
    // A string where the schema wants an integer, as a caller with a bug would send it.
    const unitAmount = "abc" as unknown as number;
    params.line_items = [
      { price_data: { currency: "eur", unit_amount: unitAmount, product_data: { name: "Haircut" } }, quantity: 1 },
    ];

    const created = stripe.checkout.sessions.create(params);

    await expect(created).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(created).rejects.toMatchObject({ statusCode: 400, param: "line_items[0][price_data][unit_amount]" });
    await expect(created).rejects.toThrow("Invalid line_items[0][price_data][unit_amount]: must be integer");
    expect(server.invalidRequests).toEqual([
      expect.objectContaining({
        method: "POST",
        path: "/v1/checkout/sessions",
        operationId: "PostCheckoutSessions",
        status: 400,
      }),
    ]);
    expect(() => server.assertAllRequestsValid()).toThrow(/line_items\[0\]\[price_data\]\[unit_amount\]/);
  });

  it("refuses an unknown parameter and a wrong enum value", async () => {
    const bogus = stripe.checkout.sessions.create({
      ...checkoutParams(),
      bogus_parameter: "x",
    } as Stripe.Checkout.SessionCreateParams);
    const wrongMode = stripe.checkout.sessions.create({
      ...checkoutParams(),
      mode: "donation",
    } as unknown as Stripe.Checkout.SessionCreateParams);

    await expect(bogus).rejects.toThrow("Received unknown parameter: bogus_parameter");
    await expect(wrongMode).rejects.toMatchObject({ statusCode: 400, param: "mode" });
    expect(server.invalidRequests).toHaveLength(2);
  });

  it("answers 404 for an operation Stripe does not have", async () => {
    const response = stripe.rawRequest("GET", "/v1/bookings/123");

    await expect(response).rejects.toMatchObject({ statusCode: 404 });
    expect(server.invalidRequests).toEqual([expect.objectContaining({ method: "GET", path: "/v1/bookings/123", status: 404 })]);
  });

  it("requires a bearer API key", async () => {
    const response = await fetch(`${server.url}/v1/checkout/sessions/cs_test_1`);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    expect(server.invalidRequests).toEqual([expect.objectContaining({ status: 401 })]);
  });

  it("answers a valid operation it does not model with Stripe's fixture", async () => {
    await expect(stripe.balance.retrieve()).resolves.toMatchObject({ object: "balance" });
    await expect(stripe.customers.list({ limit: 3 })).resolves.toMatchObject({ object: "list", data: [] });
    await expect(stripe.customers.del("cus_test_1")).resolves.toMatchObject({ id: "cus_test_1", deleted: true });
    server.assertAllRequestsValid();
  });

  it("loaded Stripe's OpenAPI document once", () => {
    expect(stripeSpecTimings()?.initMs).toBeGreaterThan(0);
  });
});

describe("test controls", () => {
  it("fails the next matching requests with the given status", async () => {
    const paymentIntent = String((await paidSession()).payment_intent);
    server.failNext("POST", "/v1/refunds", 503);

    const failed = stripe.refunds.create({ payment_intent: paymentIntent }, { idempotencyKey: "retry-me" });
    await expect(failed).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    await expect(failed).rejects.toMatchObject({ statusCode: 503 });
    // The failure was not stored under the key, so the same request runs when retried.
    const refund = await stripe.refunds.create({ payment_intent: paymentIntent }, { idempotencyKey: "retry-me" });

    expect(refund.amount).toBe(3000);
    expect(server.countRequests("POST", "/v1/refunds")).toBe(2);
    server.assertAllRequestsValid();
  });

  it("lets the SDK's own retry get through an injected failure", async () => {
    const paymentIntent = String((await paidSession()).payment_intent);
    server.failNext("POST", "/v1/refunds", 500);

    const refund = await stripe.refunds.create({ payment_intent: paymentIntent }, { maxNetworkRetries: 1 });

    expect(refund.status).toBe("succeeded");
    const attempts = server.requestsTo("POST", "/v1/refunds");
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
    expect(attempts[1]?.idempotencyKey).toBe(attempts[0]?.idempotencyKey);
    expect(server.refunds()).toHaveLength(1);
  });

  it("expires a session the way Stripe does at expires_at", async () => {
    const { id } = await stripe.checkout.sessions.create(checkoutParams());

    expect(server.expireSession(id)).toMatchObject({ status: "expired" });
    await expect(stripe.checkout.sessions.retrieve(id)).resolves.toMatchObject({ status: "expired" });
  });

  it("serves a checkout page whose Pay button completes the session and redirects to success_url", async () => {
    const session = await stripe.checkout.sessions.create(checkoutParams());
    const page = await fetch(String(session.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("30.00 EUR");

    const paid = await fetch(`${session.url}/complete`, { method: "POST", redirect: "manual" });

    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`https://bookable.test/bookings/success?session_id=${session.id}`);
    expect(server.session(session.id)).toMatchObject({ status: "complete", payment_status: "paid" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("webhooks", () => {
  const secret = "whsec_test_secret";

  it("signs an event that the SDK verifies, and a tampered payload fails", async () => {
    const session = await paidSession();
    const event = stripeEvent("checkout.session.completed", session);
    const { payload, signature } = signedWebhook(event, secret);

    const verified = stripe.webhooks.constructEvent(payload, signature, secret);

    expect(verified).toMatchObject({
      id: event.id,
      object: "event",
      type: "checkout.session.completed",
      api_version: Stripe.API_VERSION,
      data: { object: { id: session.id, payment_status: "paid" } },
    });
    const tampered = payload.replace('"paid"', '"unpaid"');
    expect(() => stripe.webhooks.constructEvent(tampered, signature, secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });

  it("lets a test send a stale delivery", () => {
    const { payload, signature } = signedWebhook(stripeEvent("checkout.session.expired", {}), secret, {
      timestamp: nowInSeconds() - 3600,
    });

    expect(() => stripe.webhooks.constructEvent(payload, signature, secret)).toThrow(/timestamp outside the tolerance zone/i);
  });
});
