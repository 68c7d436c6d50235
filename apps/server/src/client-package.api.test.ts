// @bookable/client against a real, listening server (issue 16): register → confirm the email → token → list
// resources → availability → book → cancel, an expired access token refreshed on the way, and a 429 whose
// Retry-After the client honours while it sends the same Idempotency-Key again — on PGlite and PostgreSQL.
import type { AddressInfo } from "node:net";
import { type BookableClientOptions, createBookableClient, unwrap } from "@bookable/client";
import { testDatabaseTargets } from "@bookable/db/testing";
import { decodeJwt, decodeProtectedHeader, importPKCS8, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { tokenFromLastEmail } from "../test/account-helpers.js";
import { createTestResource } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

interface Exchange {
  method: string;
  path: string;
  status: number;
  idempotencyKey: string | null;
}

/** The global fetch, keeping a line per request so a test can see what the client sent and heard. */
function observedFetch() {
  const exchanges: Exchange[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const response = await globalThis.fetch(request);
    exchanges.push({
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      idempotencyKey: request.headers.get("idempotency-key"),
    });
    return response;
  };
  return { fetch, exchanges };
}

let sequence = 0;
function newPerson() {
  sequence += 1;
  const name = `client${process.pid}${sequence}${Math.floor(Math.random() * 1000)}`;
  return { username: name, email: `${name}@example.com`, password: "long enough 1" };
}

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("@bookable/client on $driver", (target) => {
  let server: TestServer;
  let baseUrl: string;
  let resourceId: string;

  /** A client of this server, over real HTTP. */
  const clientOf = (options: Partial<BookableClientOptions> = {}) => createBookableClient({ baseUrl, ...options });

  /** Registers through the client and confirms the address with the emailed token, as a person would. */
  async function registeredPerson() {
    const person = newPerson();
    const client = clientOf();
    const { response } = await client.POST("/users", { body: person });
    expect(response.status).toBe(201);
    const token = await tokenFromLastEmail(server, person.email);
    unwrap(await client.POST("/auth/verify-email", { body: { token } }));
    return person;
  }

  async function freeSlots(client: ReturnType<typeof clientOf>) {
    const from = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    const to = new Date(from.getTime() + 3 * 24 * 3600 * 1000);
    const { slots } = unwrap(
      await client.GET("/resources/{id}/availability", {
        params: { path: { id: resourceId }, query: { from: from.toISOString(), to: to.toISOString() } },
      }),
    );
    return slots;
  }

  beforeAll(async () => {
    // Two bookings an hour per account, so a third one is refused with 429 and Retry-After.
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "1000", BOOKINGS_PER_HOUR: "2" });
    await server.app.listen({ host: "127.0.0.1", port: 0 });
    baseUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}/api/v1`;
    resourceId = (await createTestResource(server, { name: "Client test room" })).id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("registers, confirms the email, signs in, finds a slot, books it and cancels it", async () => {
    const person = await registeredPerson();
    const saved: unknown[] = [];
    const { fetch, exchanges } = observedFetch();
    const client = clientOf({ fetch, onTokens: (tokens) => void saved.push(tokens) });

    await client.signIn({ email: person.email, password: person.password });
    expect(saved).toHaveLength(1);
    const { items } = unwrap(await client.GET("/resources"));
    expect(items.map(({ id }) => id)).toContain(resourceId);
    const [slot] = await freeSlots(client);
    if (!slot) throw new Error("no free slot");

    const booking = unwrap(
      await client.POST("/bookings", {
        body: { resourceId, start: slot.start, attendee: { name: "Ada Lovelace", email: person.email } },
      }),
    );
    expect(booking).toMatchObject({ resourceId, start: slot.start, status: "confirmed" });
    const cancelled = unwrap(await client.POST("/bookings/{id}/cancel", { params: { path: { id: booking.id } }, body: {} }));
    expect(cancelled.status).toBe("cancelled");
    const mine = unwrap(await client.GET("/bookings", { params: { query: { when: "cancelled" } } }));
    expect(mine.items.map(({ id }) => id)).toContain(booking.id);

    // Every write carried an Idempotency-Key of its own; reads carried none.
    const writes = exchanges.filter(({ method }) => method === "POST");
    expect(writes.map(({ path }) => path)).toEqual([
      "/api/v1/auth/token",
      "/api/v1/bookings",
      `/api/v1/bookings/${booking.id}/cancel`,
    ]);
    expect(new Set(writes.map(({ idempotencyKey }) => idempotencyKey)).size).toBe(3);
    expect(exchanges.filter(({ method }) => method === "GET").every(({ idempotencyKey }) => idempotencyKey === null)).toBe(true);
  });

  it("refreshes an expired access token transparently and hands the new pair to onTokens", async () => {
    const person = await registeredPerson();
    const signedIn = clientOf();
    const tokens = await signedIn.signIn({ email: person.email, password: person.password });
    const expired = await expiredCopyOf(server, tokens.accessToken);
    const saved: { accessToken: string; refreshToken: string }[] = [];
    const { fetch, exchanges } = observedFetch();
    const client = clientOf({ fetch, tokens: { ...tokens, accessToken: expired }, onTokens: (pair) => void saved.push(pair) });

    const { user } = unwrap(await client.GET("/me"));
    expect(user.email).toBe(person.email);
    expect(exchanges.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      "GET /api/v1/me 401",
      "POST /api/v1/auth/token 200",
      "GET /api/v1/me 200",
    ]);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.refreshToken).not.toBe(tokens.refreshToken);
    expect(client.tokens()).toEqual(saved[0]);

    // The old refresh token is used up, so a client still holding it hears the 401 after its refresh fails.
    const stale = clientOf({ tokens: { accessToken: expired, refreshToken: tokens.refreshToken } });
    const { response, error } = await stale.GET("/me");
    expect(response.status).toBe(401);
    expect(error?.error.code).toBe("UNAUTHENTICATED");
  });

  it("waits the Retry-After of a 429 and sends the same Idempotency-Key again, then gives up", async () => {
    const person = await registeredPerson();
    const waits: number[] = [];
    const { fetch, exchanges } = observedFetch();
    const client = clientOf({ fetch, maxRetries: 1, maxRetryDelayMs: 2_000, sleep: async (ms) => void waits.push(ms) });
    await client.signIn({ email: person.email, password: person.password });
    const [first, second, third] = (await freeSlots(client)).filter((slot) => new Date(slot.start).getUTCHours() >= 8);
    if (!first || !second || !third) throw new Error("not enough free slots");
    const book = (start: string) =>
      client.POST("/bookings", { body: { resourceId, start, attendee: { name: "Ada Lovelace", email: person.email } } });
    unwrap(await book(first.start));
    unwrap(await book(second.start));

    const refused = await book(third.start);
    expect(refused.response.status).toBe(429);
    expect(refused.error?.error.code).toBe("RATE_LIMITED");
    const retryAfterSeconds = Number(refused.response.headers.get("retry-after"));
    expect(retryAfterSeconds).toBeGreaterThan(0);
    // Asked to wait up to an hour, the client waited its cap, once (maxRetries: 1), then answered the 429.
    expect(waits).toEqual([Math.min(retryAfterSeconds * 1000, 2_000)]);
    const attempts = exchanges.filter(({ status }) => status === 429);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.idempotencyKey).toBeTruthy();
    expect(attempts[1]?.idempotencyKey).toBe(attempts[0]?.idempotencyKey);
  });
});

/** The same access token, expired a minute ago: signed with the server's key, so only its expiry is wrong. */
async function expiredCopyOf(server: TestServer, accessToken: string): Promise<string> {
  const pem = server.config.JWT_PRIVATE_KEY;
  if (!pem) throw new Error("the test server has no JWT_PRIVATE_KEY");
  const claims = decodeJwt(accessToken);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: "EdDSA", kid: decodeProtectedHeader(accessToken).kid, typ: "at+jwt" })
    .setSubject(claims.sub ?? "")
    .setIssuer(claims.iss ?? "")
    .setAudience(claims.aud ?? "")
    .setIssuedAt(now - 3600)
    .setExpirationTime(now - 60)
    .sign(await importPKCS8(pem, "EdDSA"));
}
