// `pnpm --filter @bookable/server bench:payments`: how long the paid-booking path takes, end to end through
// the real Stripe SDK against the local fake of Stripe (which validates every request against Stripe's
// OpenAPI document). It measures and reports; it is not a test and fails on no threshold. Sequential
// requests through Fastify's `inject` on a fresh PostgreSQL database (TEST_DATABASE_URL's server, default
// postgres://postgres@127.0.0.1:5432/test), so the numbers are per-request costs, not throughput.
//
//   1. POST /api/v1/bookings of a priced resource: seats, payment row, Checkout Session at "Stripe";
//   2. POST /webhooks/stripe with a signed checkout.session.completed: verify, re-read the session, confirm;
//   3. the same event again: a replay, answered from the event record;
//   4. POST /api/v1/bookings/{id}/cancel inside the free window: a refund through "Stripe".
import { signedWebhook, startFakeStripeServer, stripeEvent } from "@bookable/testing";
import { bearer, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { createTestResource } from "../test/resource-helpers.js";
import { buildTestServer } from "../test/test-server.js";

const ROUNDS = 200;
const WEBHOOK_SECRET = "whsec_bench";

const stripe = await startFakeStripeServer();
const server = await buildTestServer(
  { driver: "postgres", adminUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test" },
  {
    LOG_LEVEL: "warn",
    AUTH_RATE_LIMIT_PER_MINUTE: "100000",
    API_RATE_LIMIT_PER_MINUTE: "100000",
    STRIPE_SECRET_KEY: "sk_test_bench",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: stripe.url,
    PAYMENTS_SWEEP_SECONDS: "300",
    // 200 sequential paid bookings by one member: a per-request cost, not a person's booking pace.
    BOOKINGS_PER_HOUR: "100000",
  },
);
const timings: Record<string, number[]> = { book: [], webhook: [], replay: [], cancelWithRefund: [] };
const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await run();
  timings[name]?.push(performance.now() - started);
  return result;
};

try {
  const member = await tokenPair(server, await registerVerifiedAccount(server));
  const resource = await createTestResource(server, {
    price: { amount: 3000, currency: "EUR" },
    weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
    slotMinutes: 15,
    horizonDays: 60,
  });
  const firstStart = Math.ceil((Date.now() + 3 * 86_400_000) / 3_600_000) * 3_600_000;
  for (let round = 0; round < ROUNDS; round++) {
    const start = new Date(firstStart + round * 15 * 60_000).toISOString();
    const booked = await timed("book", () =>
      server.postJson(
        "/api/v1/bookings",
        { resourceId: resource.id, start, attendee: { name: "Bench", email: "bench@example.com" } },
        bearer(member.accessToken),
      ),
    );
    if (booked.statusCode !== 201) throw new Error(`booking failed: ${booked.body}`);
    const booking = booked.json();
    const sessionId = String(booking.checkoutUrl).split("/").at(-1) ?? "";
    const { payload, signature } = signedWebhook(
      stripeEvent("checkout.session.completed", stripe.completeSession(sessionId)),
      WEBHOOK_SECRET,
    );
    const deliver = () =>
      server.app.inject({
        method: "POST",
        url: "/webhooks/stripe",
        headers: { "content-type": "application/json", "stripe-signature": signature },
        payload,
      });
    const first = await timed("webhook", deliver);
    if (first.json().outcome !== "confirmed") throw new Error(`webhook: ${first.body}`);
    const replay = await timed("replay", deliver);
    if (replay.json().outcome !== "duplicate_event") throw new Error(`replay: ${replay.body}`);
    const cancelled = await timed("cancelWithRefund", () =>
      server.postJson(`/api/v1/bookings/${booking.id}/cancel`, {}, bearer(member.accessToken)),
    );
    if (cancelled.json().payment?.refund?.status !== "succeeded") throw new Error(`cancel: ${cancelled.body}`);
  }
  stripe.assertAllRequestsValid();
  const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  };
  console.log(`${ROUNDS} rounds on PostgreSQL, sequential, through inject (ms):`);
  console.table(
    Object.fromEntries(
      Object.entries(timings).map(([name, values]) => [
        name,
        {
          p50: +percentile(values, 50).toFixed(2),
          p95: +percentile(values, 95).toFixed(2),
          max: +Math.max(...values).toFixed(2),
        },
      ]),
    ),
  );
  console.log(`Stripe requests: ${stripe.requests.length}, refused by the OpenAPI document: ${stripe.invalidRequests.length}`);
} finally {
  await server.close();
  await stripe.close();
}
