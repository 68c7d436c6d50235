import { describe, expect, it } from "vitest";
import { createBookableClient } from "./create-bookable-client.js";

interface SentRequest {
  method: string;
  path: string;
  authorization: string | null;
  idempotencyKey: string | null;
  body: string;
}

type Reply = Response | Error | ((request: SentRequest) => Response);

/** A fetch that answers from a script, one reply per request, and keeps what it was sent. */
function scriptedFetch(...replies: Reply[]) {
  const sent: SentRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const seen = {
      method: request.method,
      path: new URL(request.url).pathname,
      authorization: request.headers.get("authorization"),
      idempotencyKey: request.headers.get("idempotency-key"),
      body: await request.text(),
    };
    sent.push(seen);
    const reply = replies.shift();
    if (reply === undefined) throw new Error(`no reply scripted for ${seen.method} ${seen.path}`);
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply(seen) : reply;
  };
  return { fetch, sent };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const unauthenticated = () => json(401, { error: { code: "UNAUTHENTICATED", message: "expired", errorId: "err_1" } });
const rateLimited = (retryAfter: string) =>
  json(429, { error: { code: "RATE_LIMITED", message: "Too many", errorId: "err_2" } }, { "retry-after": retryAfter });
const me = {
  user: {
    id: "u1",
    username: "ada",
    email: "ada@example.com",
    role: "member",
    emailVerified: true,
    createdAt: "2026-01-01T00:00:00Z",
  },
};
const cancelled = { id: "b1", status: "cancelled" };

/** Records the waits instead of waiting. */
function recordedSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const baseUrl = "https://bookable.test/api/v1";
const tokens = { accessToken: "access-1", refreshToken: "refresh-1" };

describe("createBookableClient", () => {
  it("sends the access token as a bearer token", async () => {
    const { fetch, sent } = scriptedFetch(json(200, me));
    const client = createBookableClient({ baseUrl, tokens, fetch });
    const { data } = await client.GET("/me");
    expect(data?.user.username).toBe("ada");
    expect(sent[0]).toMatchObject({ method: "GET", path: "/api/v1/me", authorization: "Bearer access-1", idempotencyKey: null });
  });

  it("on a 401 refreshes once, stores the new pair and retries the request with it", async () => {
    const { fetch, sent } = scriptedFetch(
      unauthenticated(),
      json(200, { accessToken: "access-2", refreshToken: "refresh-2", tokenType: "Bearer", expiresIn: 900 }),
      json(200, cancelled),
    );
    const stored: unknown[] = [];
    const client = createBookableClient({ baseUrl, tokens, fetch, onTokens: (pair) => void stored.push(pair) });
    const { data, response } = await client.POST("/bookings/{id}/cancel", { params: { path: { id: "b1" } }, body: {} });
    expect(response.status).toBe(200);
    expect(data?.status).toBe("cancelled");
    expect(sent.map(({ method, path, authorization }) => `${method} ${path} ${authorization}`)).toEqual([
      "POST /api/v1/bookings/b1/cancel Bearer access-1",
      "POST /api/v1/auth/token null",
      "POST /api/v1/bookings/b1/cancel Bearer access-2",
    ]);
    expect(JSON.parse(sent[1]?.body ?? "")).toEqual({ refreshToken: "refresh-1" });
    // The retry is the same request: same body, same Idempotency-Key.
    expect(sent[2]?.body).toBe(sent[0]?.body);
    expect(sent[2]?.idempotencyKey).toBe(sent[0]?.idempotencyKey);
    expect(stored).toEqual([{ accessToken: "access-2", refreshToken: "refresh-2" }]);
    expect(client.tokens()).toEqual({ accessToken: "access-2", refreshToken: "refresh-2" });
  });

  it("answers the 401 when the refresh fails, and does not refresh again for it", async () => {
    const { fetch, sent } = scriptedFetch(unauthenticated(), unauthenticated());
    const client = createBookableClient({ baseUrl, tokens, fetch });
    const { error, response } = await client.GET("/me");
    expect(response.status).toBe(401);
    expect(error?.error.code).toBe("UNAUTHENTICATED");
    expect(sent.map(({ path }) => path)).toEqual(["/api/v1/me", "/api/v1/auth/token"]);
    expect(client.tokens()).toEqual(tokens);
  });

  it("retries with the new token only once: a second 401 is the answer", async () => {
    const { fetch, sent } = scriptedFetch(
      unauthenticated(),
      json(200, { accessToken: "access-2", refreshToken: "refresh-2", tokenType: "Bearer", expiresIn: 900 }),
      unauthenticated(),
    );
    const client = createBookableClient({ baseUrl, tokens, fetch });
    const { response } = await client.GET("/me");
    expect(response.status).toBe(401);
    expect(sent).toHaveLength(3);
  });

  it("shares one refresh between requests that hear 401 together", async () => {
    const { fetch, sent } = scriptedFetch(
      unauthenticated(),
      unauthenticated(),
      json(200, { accessToken: "access-2", refreshToken: "refresh-2", tokenType: "Bearer", expiresIn: 900 }),
      json(200, me),
      json(200, me),
    );
    const client = createBookableClient({ baseUrl, tokens, fetch });
    const answers = await Promise.all([client.GET("/me"), client.GET("/me")]);
    expect(answers.map(({ response }) => response.status)).toEqual([200, 200]);
    expect(sent.filter(({ path }) => path === "/api/v1/auth/token")).toHaveLength(1);
  });

  it("leaves an Authorization the caller set alone, and does not refresh for it", async () => {
    const { fetch, sent } = scriptedFetch(unauthenticated());
    const client = createBookableClient({ baseUrl, tokens, fetch });
    const { response } = await client.GET("/me", { headers: { Authorization: "Bearer bka_apikey" } });
    expect(response.status).toBe(401);
    expect(sent.map(({ authorization }) => authorization)).toEqual(["Bearer bka_apikey"]);
  });

  it("adds an Idempotency-Key to every write, a new one per request, and keeps a key the caller chose", async () => {
    const { fetch, sent } = scriptedFetch(
      json(200, cancelled),
      json(200, cancelled),
      json(200, { revoked: true }),
      json(200, cancelled),
    );
    const client = createBookableClient({ baseUrl, tokens, fetch });
    await client.POST("/bookings/{id}/cancel", { params: { path: { id: "b1" } }, body: {} });
    await client.POST("/bookings/{id}/cancel", { params: { path: { id: "b2" } }, body: {} });
    await client.DELETE("/api-keys/{id}", { params: { path: { id: "k1" } } });
    await client.POST("/bookings/{id}/cancel", {
      params: { path: { id: "b3" } },
      body: {},
      headers: { "Idempotency-Key": "mine" },
    });
    const keys = sent.map(({ idempotencyKey }) => idempotencyKey);
    for (const key of keys.slice(0, 3))
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(keys.slice(0, 3)).size).toBe(3);
    expect(keys[3]).toBe("mine");
  });

  it("sends the same Idempotency-Key and body again after a network error, a 429 and a 503", async () => {
    const { waits, sleep } = recordedSleep();
    const { fetch, sent } = scriptedFetch(
      new TypeError("fetch failed"),
      rateLimited("2"),
      json(503, { error: { code: "SERVICE_UNAVAILABLE", message: "busy", errorId: "err_3" } }, { "retry-after": "1" }),
      json(200, cancelled),
    );
    const client = createBookableClient({ baseUrl, tokens, fetch, sleep, retryBaseDelayMs: 100 });
    const { data } = await client.POST("/bookings/{id}/cancel", { params: { path: { id: "b1" } }, body: { reason: "Ill" } });
    expect(data?.status).toBe("cancelled");
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map(({ idempotencyKey }) => idempotencyKey)).size).toBe(1);
    expect(sent[0]?.idempotencyKey).not.toBeNull();
    expect(new Set(sent.map(({ body }) => body))).toEqual(new Set([JSON.stringify({ reason: "Ill" })]));
    // Backoff after the network error, then what Retry-After asked.
    expect(waits).toEqual([100, 2000, 1000]);
  });

  it("waits until the HTTP-date of a Retry-After", async () => {
    const { waits, sleep } = recordedSleep();
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const { fetch } = scriptedFetch(rateLimited(inTenSeconds), json(200, me));
    const client = createBookableClient({ baseUrl, tokens, fetch, sleep });
    const { response } = await client.GET("/me");
    expect(response.status).toBe(200);
    expect(waits).toHaveLength(1);
    // toUTCString drops the milliseconds, so the wait is up to a second short of ten.
    expect(waits[0]).toBeGreaterThan(8_000);
    expect(waits[0]).toBeLessThanOrEqual(10_000);
  });

  it("caps the wait a Retry-After asks for", async () => {
    const { waits, sleep } = recordedSleep();
    const { fetch } = scriptedFetch(rateLimited("3600"), json(200, me));
    const client = createBookableClient({ baseUrl, tokens, fetch, sleep, maxRetryDelayMs: 5_000 });
    await client.GET("/me");
    expect(waits).toEqual([5_000]);
  });

  it("gives up after maxRetries and answers the last 429", async () => {
    const { waits, sleep } = recordedSleep();
    const { fetch, sent } = scriptedFetch(rateLimited("1"), rateLimited("1"), rateLimited("1"));
    const client = createBookableClient({ baseUrl, tokens, fetch, sleep, maxRetries: 2 });
    const { error, response } = await client.POST("/bookings/{id}/cancel", { params: { path: { id: "b1" } }, body: {} });
    expect(response.status).toBe(429);
    expect(error?.error.code).toBe("RATE_LIMITED");
    expect(sent).toHaveLength(3);
    expect(waits).toEqual([1000, 1000]);
  });

  it("gives up after maxRetries network errors and throws the last one", async () => {
    const { sleep } = recordedSleep();
    const { fetch, sent } = scriptedFetch(new TypeError("down 1"), new TypeError("down 2"));
    const client = createBookableClient({ baseUrl, tokens, fetch, sleep, maxRetries: 1 });
    await expect(client.GET("/me")).rejects.toThrow("down 2");
    expect(sent).toHaveLength(2);
  });

  it("signs in with the password grant and uses the pair it got", async () => {
    const { fetch, sent } = scriptedFetch(
      json(200, { accessToken: "access-9", refreshToken: "refresh-9", tokenType: "Bearer", expiresIn: 900 }),
      json(200, me),
    );
    const stored: unknown[] = [];
    const client = createBookableClient({ baseUrl, fetch, onTokens: (pair) => void stored.push(pair) });
    await client.signIn({ email: "ada@example.com", password: "secret secret" });
    await client.GET("/me");
    expect(sent.map(({ authorization }) => authorization)).toEqual([null, "Bearer access-9"]);
    expect(stored).toEqual([{ accessToken: "access-9", refreshToken: "refresh-9" }]);
  });

  it("throws a BookableApiError with the body's code when sign-in is refused", async () => {
    const { fetch } = scriptedFetch(unauthenticated());
    const client = createBookableClient({ baseUrl, fetch });
    await expect(client.signIn({ email: "ada@example.com", password: "wrong wrong" })).rejects.toMatchObject({
      name: "BookableApiError",
      status: 401,
      code: "UNAUTHENTICATED",
      errorId: "err_1",
    });
  });
});

describe("createBookableClient with an API key", () => {
  it("answers a 401 as is when there is no refresh token", async () => {
    const { fetch, sent } = scriptedFetch(unauthenticated());
    const client = createBookableClient({ baseUrl, tokens: { accessToken: "bka_revoked", refreshToken: "" }, fetch });
    const { response } = await client.GET("/me");
    expect(response.status).toBe(401);
    expect(sent.map(({ path, authorization }) => `${path} ${authorization}`)).toEqual(["/api/v1/me Bearer bka_revoked"]);
  });
});

describe("createBookableClient while waiting to retry", () => {
  it("stops waiting and rejects when the request is aborted", async () => {
    const { fetch, sent } = scriptedFetch(rateLimited("30"), json(200, me));
    const client = createBookableClient({ baseUrl, tokens, fetch });
    const controller = new AbortController();
    const started = Date.now();
    const call = client.GET("/me", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user gave up")), 20);
    await expect(call).rejects.toThrow("user gave up");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sent).toHaveLength(1);
  });
});
