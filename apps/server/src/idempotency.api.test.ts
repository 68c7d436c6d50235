// Issue 16, "Safe retries everywhere" (decision 032): an Idempotency-Key makes every state-changing REST call
// safe to retry, not only booking. For a representative set of writes: the same key and body answer the first
// response again (status included) with one effect; another body answers 422; the same key sent twice at once
// never has two effects; and a response carrying a secret (a new API key) is not stored readably.
import { apiKeys, idempotencyKeys, resources, webhookEndpoints } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair, trpcMutation } from "../test/account-helpers.js";
import { attendee, bookAs } from "../test/payment-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

type Method = "POST" | "PATCH" | "DELETE";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("Idempotency-Key on every write, on $driver", (target) => {
  let server: TestServer;
  let admin: string;
  let member: string;
  let other: string;
  let keys = 0;
  /** A fresh key per scenario, as a client makes one per intended change. */
  const newKey = () => `retry-${++keys}-${Math.random().toString(36).slice(2)}`;

  const send = (method: Method, url: string, token: string, body: unknown, key?: string): Promise<LightMyRequestResponse> =>
    server.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...bearer(token), ...(key ? { "idempotency-key": key } : {}) },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });

  /** Sends the write twice with one key, then with another body: the replay is the first answer, the other 422. */
  async function expectSafeRetries(
    method: Method,
    url: string,
    token: string,
    body: Record<string, unknown>,
    otherBody: Record<string, unknown>,
  ) {
    const key = newKey();
    const first = await send(method, url, token, body, key);
    expect(first.statusCode, first.body).toBeLessThan(300);
    // The same body with its fields in another order is the same request.
    const replay = await send(method, url, token, Object.fromEntries(Object.entries(body).reverse()), key);
    expect(replay.statusCode).toBe(first.statusCode);
    expect(replay.json()).toEqual(first.json());
    const reused = await send(method, url, token, otherBody, key);
    expect(reused.statusCode, reused.body).toBe(422);
    expect(reused.json().error).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", errorId: expect.any(String) });
    return first;
  }

  /** The same key sent twice at once: one answer is the change, the other the same answer or 409, never two changes. */
  async function race(method: Method, url: string, token: string, body: Record<string, unknown>) {
    const key = newKey();
    const answers = await Promise.all([send(method, url, token, body, key), send(method, url, token, body, key)]);
    const succeeded = answers.filter((answer) => answer.statusCode < 300);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) {
      if (answer.statusCode < 300) expect(answer.json()).toEqual(succeeded[0]?.json());
      else expect(answer.json().error.code, answer.body).toBe("CONFLICT");
    }
    return succeeded[0]?.json();
  }

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000" });
    admin = await adminToken(server);
    member = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
    other = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
  });
  afterAll(async () => {
    await server?.close();
  });

  it("creates a resource once (POST /resources)", async () => {
    const name = `Retry room ${Math.random().toString(36).slice(2, 8)}`;
    const body = {
      name,
      timeZone: "Europe/Berlin",
      slotMinutes: 60,
      weeklyHours: [{ weekday: 1, start: "08:00", end: "12:00" }],
    };
    const created = await expectSafeRetries("POST", "/resources", admin, body, { ...body, slotMinutes: 30 });
    expect(created.statusCode).toBe(201);
    expect(await server.database.db.select().from(resources).where(eq(resources.name, name))).toHaveLength(1);

    const racedName = `${name} raced`;
    await race("POST", "/resources", admin, { ...body, name: racedName });
    expect(await server.database.db.select().from(resources).where(eq(resources.name, racedName))).toHaveLength(1);
  });

  it("edits a resource once (PATCH /resources/{id})", async () => {
    const resource = await createTestResource(server);
    const updated = await expectSafeRetries("PATCH", `/resources/${resource.id}`, admin, { capacity: 3 }, { capacity: 4 });
    expect(updated.json().capacity).toBe(3);
    // The 422 changed nothing.
    const [row] = await server.database.db.select().from(resources).where(eq(resources.id, resource.id));
    expect(row?.capacity).toBe(3);
  });

  it("cancels once (POST /bookings/{id}/cancel): the retry answers the cancellation, not 'already cancelled'", async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const booked = await bookAs(server, member, { resourceId: resource.id, start: slot.start });
    expect(booked.statusCode, booked.body).toBe(201);
    const id = booked.json().id as string;
    const cancelled = await expectSafeRetries(
      "POST",
      `/bookings/${id}/cancel`,
      member,
      { reason: "Plans changed" },
      {
        reason: "Something else",
      },
    );
    expect(cancelled.json().status).toBe("cancelled");
    // Without the key, a second cancel is a second request, and is refused.
    expect((await send("POST", `/bookings/${id}/cancel`, member, {})).statusCode).toBeGreaterThanOrEqual(400);
  });

  it("moves once (POST /bookings/{id}/reschedule), also when the same key arrives twice at once", async () => {
    const resource = await createTestResource(server, { capacity: 2 });
    const slot = await firstFreeSlot(server, resource.id);
    const booked = await bookAs(server, member, { resourceId: resource.id, start: slot.start });
    const id = booked.json().id as string;
    const later = (hours: number) => new Date(new Date(slot.start).getTime() + hours * 3_600_000).toISOString();
    const moved = await expectSafeRetries("POST", `/bookings/${id}/reschedule`, member, { start: later(1) }, { start: later(2) });
    expect(moved.json().sequence).toBe(1);
    const raced = await race("POST", `/bookings/${id}/reschedule`, member, { start: later(3) });
    expect(raced.sequence).toBe(2);
    const now = await server.app.inject({ method: "GET", url: `/api/v1/bookings/${id}`, headers: bearer(member) });
    expect(now.json()).toMatchObject({ start: later(3), sequence: 2 });
  });

  it("books once when the same key arrives twice at once (POST /bookings)", async () => {
    const resource = await createTestResource(server, { capacity: 5 });
    const slot = await firstFreeSlot(server, resource.id);
    await race("POST", "/bookings", member, { resourceId: resource.id, start: slot.start, attendee });
    expect((await firstFreeSlot(server, resource.id)).seatsLeft).toBe(4);
  });

  it("joins a waitlist once (POST /resources/{id}/waitlist)", async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    expect((await bookAs(server, other, { resourceId: resource.id, start: slot.start })).statusCode).toBe(201);
    const body = { start: slot.start, attendee: { name: "Wai Ting", email: "wait@example.com" } };
    const joined = await expectSafeRetries("POST", `/resources/${resource.id}/waitlist`, member, body, {
      ...body,
      attendee: { name: "Someone Else", email: "wait@example.com" },
    });
    expect(joined.statusCode).toBe(201);
    const mine = await server.app.inject({ method: "GET", url: "/api/v1/me/waitlist", headers: bearer(member) });
    expect((mine.json().items as { resourceId: string }[]).filter((entry) => entry.resourceId === resource.id)).toHaveLength(1);
  });

  it("creates an API key once and replays its secret without storing it readably (POST /api-keys)", async () => {
    const account = await registerVerifiedAccount(server);
    const token = (await tokenPair(server, account)).accessToken;
    const key = newKey();
    const first = await send("POST", "/api-keys", token, { name: "CI" }, key);
    expect(first.statusCode, first.body).toBe(201);
    const secret = first.json().key as string;
    const replay = await send("POST", "/api-keys", token, { name: "CI" }, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect(await server.database.db.select().from(apiKeys).where(eq(apiKeys.userId, account.id))).toHaveLength(1);
    expect((await send("POST", "/api-keys", token, { name: "CD" }, key)).statusCode).toBe(422);
    // The replayed secret works, and neither it nor the Idempotency-Key is in the database readably.
    expect((await server.app.inject({ method: "GET", url: "/api/v1/api-keys", headers: bearer(secret) })).statusCode).toBe(200);
    const rows = await server.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, account.id));
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice(-16));
    expect(stored).not.toContain(key);
    // Another caller's same key is another key: it creates their own.
    const stranger = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
    const theirs = await send("POST", "/api-keys", stranger, { name: "CI" }, key);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().key).not.toBe(secret);
  });

  it("registers a webhook endpoint once and replays its signing secret without storing it readably (POST /webhook-endpoints)", async () => {
    const account = await registerVerifiedAccount(server);
    const token = (await tokenPair(server, account)).accessToken;
    const body = { url: "http://127.0.0.1:9/hooks", eventTypes: ["booking.created"] };
    const first = await expectSafeRetries("POST", "/webhook-endpoints", token, body, { ...body, description: "Another" });
    expect(first.statusCode).toBe(201);
    const secret = first.json().secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(await server.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.ownerId, account.id))).toHaveLength(
      1,
    );
    const stored = JSON.stringify(
      await server.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, account.id)),
    );
    expect(stored).not.toContain(secret.slice("whsec_".length, "whsec_".length + 16));
    expect(stored).not.toContain(secret.slice(-16));
  });

  it("revokes once (DELETE /api-keys/{id}): the retry answers the revocation, not 404", async () => {
    const created = await send("POST", "/api-keys", member, { name: "Short-lived" });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().apiKey.id as string;
    const key = newKey();
    const revoked = await send("DELETE", `/api-keys/${id}`, member, undefined, key);
    expect(revoked.statusCode, revoked.body).toBe(200);
    const retried = await send("DELETE", `/api-keys/${id}`, member, undefined, key);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual(revoked.json());
    expect((await send("DELETE", `/api-keys/${id}`, member, undefined)).statusCode).toBe(404);
  });

  it("honours the key on /trpc too, where the same procedure answers the same replay", async () => {
    const key = newKey();
    const name = `tRPC room ${Math.random().toString(36).slice(2, 8)}`;
    const input = {
      name,
      timeZone: "Europe/Berlin",
      slotMinutes: 60,
      weeklyHours: [{ weekday: 2, start: "08:00", end: "12:00" }],
    };
    const headers = { ...bearer(admin), "idempotency-key": key };
    const first = await trpcMutation(server, "resources.create", input, headers);
    expect(first.statusCode, first.body).toBe(200);
    const replay = await trpcMutation(server, "resources.create", input, headers);
    expect(replay.json().result.data).toEqual(first.json().result.data);
    expect(await server.database.db.select().from(resources).where(eq(resources.name, name))).toHaveLength(1);
  });

  it("ignores the key on calls without a caller (registration): no answer is stored for anyone", async () => {
    const key = newKey();
    const body = { username: `anon_${keys}`, email: `anon-${keys}@example.com`, password: "correct horse battery staple" };
    const before = (await server.database.db.select().from(idempotencyKeys)).length;
    const registered = await server.postJson("/api/v1/users", body, { "idempotency-key": key });
    expect(registered.statusCode, registered.body).toBe(201);
    const again = await server.postJson("/api/v1/users", body, { "idempotency-key": key });
    expect(again.statusCode).toBe(409);
    expect((await server.database.db.select().from(idempotencyKeys)).length).toBe(before);
  });

  it("keeps a failed attempt from using up its key, and refuses a malformed key with 400", async () => {
    const key = newKey();
    const missing = await send("POST", "/bookings/00000000-0000-4000-8000-000000000000/cancel", member, {}, key);
    expect(missing.statusCode).toBe(404);
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const booked = await send("POST", "/bookings", member, { resourceId: resource.id, start: slot.start, attendee }, key);
    // The 404 left no record, so the key is free for the next change.
    expect(booked.statusCode, booked.body).toBe(201);
    const malformed = await send("POST", "/bookings", member, { resourceId: resource.id, start: slot.start, attendee }, "not ok");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.issues).toEqual([expect.objectContaining({ path: "Idempotency-Key" })]);
  });
});
