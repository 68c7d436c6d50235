// Issue 12: availability is served from a cache of finished answers, and a read after any change never
// returns a stale answer, on one instance or another one on the same database; on PGlite and PostgreSQL.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { expireOverdueHolds, getAvailability } from "@bookable/core";
import { bookings } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair, trpcQuery } from "../test/account-helpers.js";
import { bookAs, cancelAs } from "../test/payment-helpers.js";
import { adminToken, createTestResource } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface Window {
  from: string;
  to: string;
}
interface Slot {
  start: string;
  end: string;
  seatsLeft: number;
}

/** A window of `days` days starting `daysAhead` days from now, at a whole day (UTC). */
function windowAhead(daysAhead: number, days = 3): Window {
  const from = Math.floor(Date.now() / DAY) * DAY + daysAhead * DAY;
  return { from: new Date(from).toISOString(), to: new Date(from + days * DAY).toISOString() };
}

const availabilityUrl = (resourceId: string, window: Window) =>
  `/api/v1/resources/${resourceId}/availability?from=${window.from}&to=${window.to}`;

function read(server: TestServer, resourceId: string, window: Window, headers: Record<string, string> = {}) {
  return server.app.inject({ method: "GET", url: availabilityUrl(resourceId, window), headers });
}

/** Cached answers by how they were found, summed since the server started. */
function cacheResults(server: TestServer) {
  const totals = { hit: 0, miss: 0, stale: 0, expired: 0, joined: 0, uncached: 0 };
  for (const { kind, result, count } of server.app.services.availabilityCache.results())
    if (kind === "availability") totals[result] += count;
  return totals;
}

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("availability cache on $driver", (target) => {
  let server: TestServer;
  /** A second instance on the same database, with a cache of its own. */
  let other: TestServer;
  let member: { accessToken: string };
  let admin: string;
  // The clock the first server's availability answers are computed and expired by.
  let clockOffsetMs = 0;
  const clock = () => new Date(Date.now() + clockOffsetMs);

  beforeAll(async () => {
    server = await buildTestServer(
      target,
      { AUTH_RATE_LIMIT_PER_MINUTE: "10000", HOLDS_PER_USER: "1000", BOOKINGS_PER_HOUR: "1000", PAYMENTS_SWEEP_SECONDS: "300" },
      {},
      { services: { now: clock } },
    );
    member = await tokenPair(server, await registerVerifiedAccount(server));
    admin = await adminToken(server);
    // Its workers stay off: the first server's mailbox is where the tests read emailed links.
    other = await buildTestServer(
      target,
      { PAYMENTS_SWEEP_SECONDS: "300", RUN_WORKERS: "false" },
      {},
      { sharedDatabase: server.database },
    );
  });
  afterEach(() => {
    clockOffsetMs = 0;
  });
  afterAll(async () => {
    await other?.close();
    await server?.close();
  });

  /** Reads through `through` and checks the answer is what a computation from the database gives now. */
  async function readFresh(resourceId: string, window: Window, through: TestServer = server): Promise<Slot[]> {
    const response = await read(through, resourceId, window);
    expect(response.statusCode, response.body).toBe(200);
    const now = through === server ? clock() : new Date();
    const truth = await getAvailability(
      server.database.db,
      resourceId,
      { from: new Date(window.from), to: new Date(window.to) },
      now,
    );
    expect(response.json()).toEqual({ timeZone: truth.timeZone, slots: truth.slots });
    return response.json().slots;
  }

  /** Reads twice, so the answer is cached (the second read is a hit), and returns the slots. */
  async function warm(resourceId: string, window: Window, through: TestServer = server): Promise<Slot[]> {
    await readFresh(resourceId, window, through);
    const hitsBefore = cacheResults(through).hit;
    const slots = await readFresh(resourceId, window, through);
    expect(cacheResults(through).hit).toBe(hitsBefore + 1);
    return slots;
  }

  const patchResource = (resourceId: string, body: unknown) =>
    server.app.inject({
      method: "PATCH",
      url: `/api/v1/resources/${resourceId}`,
      headers: { ...bearer(admin), "content-type": "application/json" },
      payload: JSON.stringify(body),
    });

  it("serves a repeated read from the cache, through REST and tRPC alike", async () => {
    const resource = await createTestResource(server);
    const window = windowAhead(2);
    const slots = await warm(resource.id, window);
    expect(slots.length).toBeGreaterThan(0);
    const hits = cacheResults(server).hit;
    const viaTrpc = await trpcQuery(server, "resources.availability", { id: resource.id, ...window });
    expect(viaTrpc.json().result.data.slots).toEqual(slots);
    expect(cacheResults(server).hit).toBe(hits + 1);
    const metrics = (await server.app.inject("/metrics")).body;
    expect(metrics).toMatch(/^bookable_availability_cache_total\{kind="availability",result="hit"\} [1-9]/m);
    expect(metrics).toMatch(/^bookable_availability_cache_bytes [1-9]/m);
  });

  it("shows a slot taken right after a free booking, and free again right after its cancellation", async () => {
    const resource = await createTestResource(server);
    const window = windowAhead(2);
    const [slot] = (await warm(resource.id, window)).filter((s) => new Date(s.start).getUTCHours() >= 8);
    if (!slot) throw new Error("no slot");
    const booked = await bookAs(server, member.accessToken, { resourceId: resource.id, start: slot.start });
    expect(booked.statusCode, booked.body).toBe(201);
    expect((await readFresh(resource.id, window)).map((s) => s.start)).not.toContain(slot.start);
    expect((await cancelAs(server, member.accessToken, booked.json().id)).statusCode).toBe(200);
    expect((await readFresh(resource.id, window)).map((s) => s.start)).toContain(slot.start);
  });

  it("frees a held slot the moment its hold runs out, with no write at all, and when the sweep expires it", async () => {
    const resource = await createTestResource(server, { price: { amount: 1500, currency: "EUR" } });
    const window = windowAhead(2);
    const [slot, secondSlot] = await warm(resource.id, window);
    if (!slot || !secondSlot) throw new Error("no slots");
    const held = await bookAs(server, member.accessToken, { resourceId: resource.id, start: slot.start });
    expect(held.json().status).toBe("held");
    // The hold runs out in 2 minutes: well inside the cache's longest lifetime (5 minutes).
    await server.database.db
      .update(bookings)
      .set({ holdExpiresAt: new Date(Date.now() + 2 * MINUTE) })
      .where(eq(bookings.id, held.json().id));
    expect((await warm(resource.id, window)).map((s) => s.start)).not.toContain(slot.start);
    clockOffsetMs = 2 * MINUTE + 1000;
    expect((await readFresh(resource.id, window)).map((s) => s.start)).toContain(slot.start);

    // Another hold, expired by the sweep before its time (as a sweep with a later clock would): a write.
    clockOffsetMs = 0;
    const second = await bookAs(server, member.accessToken, { resourceId: resource.id, start: secondSlot.start });
    expect(second.json().status).toBe("held");
    expect((await warm(resource.id, window)).map((s) => s.start)).not.toContain(secondSlot.start);
    await server.database.db.transaction((transaction) => expireOverdueHolds(transaction, new Date(Date.now() + 60 * MINUTE)));
    expect((await readFresh(resource.id, window)).map((s) => s.start)).toContain(secondSlot.start);
  });

  it("drops the first slot the moment min notice passes its start, with no write at all", async () => {
    const resource = await createTestResource(server, { minNoticeMinutes: 60 });
    // Two minutes before a whole hour, three days ahead, inside opening hours (08:00–20:00 Berlin).
    const fakeNow = Math.floor(Date.now() / DAY) * DAY + 3 * DAY + 10 * 60 * MINUTE - 2 * MINUTE;
    clockOffsetMs = fakeNow - Date.now();
    const window = { from: new Date(fakeNow - 10 * 60 * MINUTE).toISOString(), to: new Date(fakeNow + DAY).toISOString() };
    const [first] = await warm(resource.id, window);
    expect(first?.start).toBe(new Date(fakeNow + 62 * MINUTE).toISOString());
    clockOffsetMs = fakeNow + 2 * MINUTE + 1000 - Date.now();
    const [firstNow] = await readFresh(resource.id, window);
    expect(firstNow?.start).toBe(new Date(fakeNow + 122 * MINUTE).toISOString());
  });

  it("follows edits of the resource (capacity, hours) and its date overrides", async () => {
    const resource = await createTestResource(server);
    const window = windowAhead(2);
    const [slot] = await warm(resource.id, window);
    if (!slot) throw new Error("no slot");
    expect((await bookAs(server, member.accessToken, { resourceId: resource.id, start: slot.start })).statusCode).toBe(201);
    await warm(resource.id, window);
    expect((await patchResource(resource.id, { capacity: 2 })).statusCode).toBe(200);
    expect((await readFresh(resource.id, window)).find((s) => s.start === slot.start)?.seatsLeft).toBe(1);

    const before = await warm(resource.id, window);
    const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));
    expect((await patchResource(resource.id, { weeklyHours: everyDay("10:00", "12:00") })).statusCode).toBe(200);
    const after = await readFresh(resource.id, window);
    expect(after.length).toBeLessThan(before.length);

    await warm(resource.id, window);
    const date = window.from.slice(0, 10);
    const setOverride = await server.app.inject({
      method: "PUT",
      url: `/api/v1/resources/${resource.id}/overrides/${date}`,
      headers: { ...bearer(admin), "content-type": "application/json" },
      payload: JSON.stringify({ closed: true }),
    });
    expect(setOverride.statusCode, setOverride.body).toBe(200);
    const closed = await readFresh(resource.id, window);
    expect(closed.length).toBeLessThan(after.length);
    await warm(resource.id, window);
    const deleted = await server.app.inject({
      method: "DELETE",
      url: `/api/v1/resources/${resource.id}/overrides/${date}`,
      headers: bearer(admin),
    });
    expect(deleted.statusCode).toBe(200);
    expect(await readFresh(resource.id, window)).toEqual(after);

    await warm(resource.id, window);
    expect((await patchResource(resource.id, { status: "archived" })).statusCode).toBe(200);
    expect((await read(server, resource.id, window)).statusCode).toBe(404);
  });

  it("never serves a stale answer on a second instance: written through one, read through the other at once", async () => {
    const resource = await createTestResource(server);
    const window = windowAhead(2);
    const slots = await warm(resource.id, window, other);
    for (const slot of slots.slice(0, 3)) {
      const booked = await bookAs(server, member.accessToken, { resourceId: resource.id, start: slot.start });
      expect(booked.statusCode).toBe(201);
      expect((await readFresh(resource.id, window, other)).map((s) => s.start)).not.toContain(slot.start);
      expect((await cancelAs(server, member.accessToken, booked.json().id)).statusCode).toBe(200);
      expect((await readFresh(resource.id, window, other)).map((s) => s.start)).toContain(slot.start);
    }
  });

  it("serves the day summary from the same cache, fresh after a booking on either instance", async () => {
    const resource = await createTestResource(server);
    const window = windowAhead(2);
    const daysUrl = `/api/v1/resources/${resource.id}/availability/days?from=${window.from}&to=${window.to}`;
    type Day = { date: string; freeSlots: number; firstFreeStart: string | null };
    const days = async (through: TestServer) => {
      const response = await through.app.inject(daysUrl);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers.etag).toBeDefined();
      return response.json().days as Day[];
    };
    const before = await days(other);
    await days(other);
    const first = before.find((day) => day.firstFreeStart !== null);
    if (!first?.firstFreeStart) throw new Error("no free day");
    expect((await bookAs(server, member.accessToken, { resourceId: resource.id, start: first.firstFreeStart })).statusCode).toBe(
      201,
    );
    const after = await days(other);
    expect(after.find((day) => day.date === first.date)?.freeSlots).toBe(first.freeSlots - 1);
    expect(other.app.services.availabilityCache.results()).toContainEqual({ kind: "availability-days", result: "hit", count: 1 });
    const viaTrpc = await trpcQuery(server, "resources.availabilityDays", { id: resource.id, ...window });
    expect(viaTrpc.json().result.data.days).toEqual(after);
  });

  it("answers If-None-Match with 304 while the answer is unchanged, and with the new answer after a change", async () => {
    const resource = await createTestResource(server);
    const window = windowAhead(2);
    const first = await read(server, resource.id, window);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers["cache-control"]).toBe("no-cache");
    expect(first.headers.vary).toMatch(/accept-encoding/i);
    const unchanged = await read(server, resource.id, window, { "if-none-match": etag });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe("");
    // The same answer has the same tag on every instance.
    expect((await read(other, resource.id, window, { "if-none-match": etag })).statusCode).toBe(304);

    const slot = first.json().slots[0] as Slot;
    expect((await bookAs(server, member.accessToken, { resourceId: resource.id, start: slot.start })).statusCode).toBe(201);
    const changed = await read(server, resource.id, window, { "if-none-match": etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("sends brotli or gzip as the client accepts, each decoding to the identity body", async () => {
    const resource = await createTestResource(server);
    const window = windowAhead(2, 31);
    const identity = await read(server, resource.id, window);
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.headers["content-type"]).toBe("application/json; charset=utf-8");
    const bytesBefore = server.app.services.availabilityCache.size().bytes;
    const br = await read(server, resource.id, window, { "accept-encoding": "gzip, deflate, br" });
    // The compressed form is kept, and counted against the budget.
    expect(server.app.services.availabilityCache.size().bytes).toBe(bytesBefore + br.rawPayload.length);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(identity.body);
    const gzip = await read(server, resource.id, window, { "accept-encoding": "gzip;q=1, br;q=0.5" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(identity.body);
    expect(gzip.rawPayload.length).toBeLessThan(identity.rawPayload.length / 4);
    const refused = await read(server, resource.id, window, { "accept-encoding": "compress" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body).toBe(identity.body);
  });

  it("computes once for many concurrent misses of one answer", async () => {
    const resource = await createTestResource(server);
    const window = windowAhead(2, 31);
    const before = cacheResults(server);
    const responses = await Promise.all(Array.from({ length: 20 }, () => read(server, resource.id, window)));
    const after = cacheResults(server);
    expect(new Set(responses.map((response) => response.body)).size).toBe(1);
    expect(after.miss + after.stale + after.expired - (before.miss + before.stale + before.expired)).toBe(1);
    expect(after.joined + after.hit - (before.joined + before.hit)).toBe(19);
  });

  it("validates input like the procedure (400 with field issues) and answers 404 for an unknown resource", async () => {
    const resource = await createTestResource(server);
    const bad = await server.app.inject(`/api/v1/resources/${resource.id}/availability?from=tomorrow&to=${windowAhead(1).to}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: expect.arrayContaining([{ path: "from", message: "Use an ISO 8601 date-time, e.g. 2026-12-01T09:00:00Z" }]),
    });
    expect(bad.json().error.errorId).toMatch(/^err_/);
    const unknown = await read(server, "00000000-0000-4000-8000-000000000000", windowAhead(1));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("NOT_FOUND");
  });
});

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("availability cache limits on $driver", (target) => {
  it("keeps within its byte budget, dropping the least recently used answers", async () => {
    const server = await buildTestServer(target, { AVAILABILITY_CACHE_MB: "0.25" });
    try {
      const resource = await createTestResource(server, { slotMinutes: 15 });
      // Each month of 15-minute slots is some 70 KB of JSON, counted twice (the value is kept too).
      for (let day = 1; day <= 12; day += 1) await read(server, resource.id, windowAhead(day, 31));
      const { bytes, entries } = server.app.services.availabilityCache.size();
      expect(bytes).toBeLessThanOrEqual(0.25 * 1024 * 1024);
      expect(entries).toBeGreaterThan(0);
      expect(entries).toBeLessThan(12);
      // The most recent answer is still there, the first one is gone.
      const hits = cacheResults(server).hit;
      await read(server, resource.id, windowAhead(12, 31));
      expect(cacheResults(server).hit).toBe(hits + 1);
      await read(server, resource.id, windowAhead(1, 31));
      expect(cacheResults(server).hit).toBe(hits + 1);
    } finally {
      await server.close();
    }
  });

  it("serves correct answers with AVAILABILITY_CACHE_MB=0, computing every one", async () => {
    const server = await buildTestServer(target, { AVAILABILITY_CACHE_MB: "0", AUTH_RATE_LIMIT_PER_MINUTE: "10000" });
    try {
      const member = await tokenPair(server, await registerVerifiedAccount(server));
      const resource = await createTestResource(server);
      const window = windowAhead(2);
      const first = await read(server, resource.id, window, { "accept-encoding": "gzip" });
      expect(first.headers["content-encoding"]).toBe("gzip");
      const slot = (JSON.parse(gunzipSync(first.rawPayload).toString()) as { slots: Slot[] }).slots[0];
      if (!slot) throw new Error("no slot");
      expect((await bookAs(server, member.accessToken, { resourceId: resource.id, start: slot.start })).statusCode).toBe(201);
      const after = await read(server, resource.id, window);
      expect((after.json().slots as Slot[]).map((s) => s.start)).not.toContain(slot.start);
      expect(cacheResults(server)).toMatchObject({ hit: 0, miss: 0, uncached: 2 });
      expect(server.app.services.availabilityCache.size()).toEqual({ bytes: 0, entries: 0 });
    } finally {
      await server.close();
    }
  });
});
