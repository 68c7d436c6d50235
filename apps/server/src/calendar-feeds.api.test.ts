// Issue 16, "Calendar feeds": a person's private iCalendar feed of their bookings and each resource's feed for
// admins, behind unguessable tokens that can be regenerated and revoked; stable UIDs and SEQUENCE, cancelled
// bookings as cancelled events, UTC times with the resource's zone named, and conditional GET. Every feed is read
// with ical.js, an iCalendar parser independent of the generator. On PGlite and PostgreSQL.
import { users } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import type { BookingOutput, CalendarFeedOutput } from "@bookable/validators";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { cancelAs } from "../test/payment-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const HOUR = 3_600_000;

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("calendar feeds on $driver", (target) => {
  let server: TestServer;
  let member: string;
  let other: string;
  let resource: { id: string };

  beforeAll(async () => {
    server = await buildTestServer(target, {
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
      API_RATE_LIMIT_PER_MINUTE: "10000",
      PUBLIC_URL: "http://bookable.test",
      HOLDS_PER_USER: "100",
      BOOKINGS_PER_HOUR: "100",
    });
    member = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
    other = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
    resource = await createTestResource(server, { timeZone: "Europe/Berlin", location: "Floor 2, Room 4" });
  });
  afterAll(async () => {
    await server?.close();
  });

  // A POST carries a JSON body, as REST clients send one (the adapter refuses a POST without a content type).
  const call = (method: "GET" | "POST" | "DELETE", url: string, token?: string) =>
    method === "POST"
      ? server.postJson(url, {}, token ? bearer(token) : {})
      : server.app.inject({ method, url, headers: token ? bearer(token) : {} });
  async function feedLink(method: "GET" | "POST" | "DELETE", url: string, token: string): Promise<CalendarFeedOutput> {
    const response = await call(method, url, token);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as CalendarFeedOutput;
  }
  /** Fetches a feed by the URL the API gave, as a calendar app would (no credential but the URL). */
  const fetchFeed = (url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: "GET", url: new URL(url).pathname, headers });
  async function eventsOf(url: string) {
    const response = await fetchFeed(url);
    expect(response.statusCode, response.body).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    const events = calendar.getAllSubcomponents("vevent").map((component) => ({
      uid: String(component.getFirstPropertyValue("uid")),
      status: String(component.getFirstPropertyValue("status")),
      event: new ICAL.Event(component),
    }));
    return { calendar, events, byUid: (uid: string) => events.find((event) => event.uid === uid) };
  }
  async function book(token: string, start?: string): Promise<BookingOutput> {
    const slotStart = start ?? (await firstFreeSlot(server, resource.id)).start;
    const response = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slotStart, attendee: { name: "Grace Hopper", email: "grace@example.com" } },
      bearer(token),
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as BookingOutput;
  }
  const uidOf = (id: string) => `${id}@bookable.test`;
  /** The token of a feed URL: the path segment after /api/v1/feeds/, without `.ics`. */
  const tokenIn = (url: string) => (new URL(url).pathname.split("/")[4] ?? "").replace(/\.ics$/, "");

  it("needs a sign-in to manage the link, and has none until one is made", async () => {
    expect((await call("GET", "/api/v1/me/calendar-feed")).statusCode).toBe(401);
    expect((await call("POST", "/api/v1/me/calendar-feed")).statusCode).toBe(401);
    const fresh = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
    expect(await feedLink("GET", "/api/v1/me/calendar-feed", fresh)).toEqual({ feed: null });
  });

  it("lists my bookings with stable UIDs, SEQUENCE after a move, cancelled events, UTC times and the zone named", async () => {
    const { feed } = await feedLink("POST", "/api/v1/me/calendar-feed", member);
    if (!feed) throw new Error("no feed made");
    expect(feed.url).toMatch(/^http:\/\/bookable\.test\/api\/v1\/feeds\/bkf_[A-Za-z0-9_-]{22}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.url.replace(/^http:/, "webcal:"));
    // Shown again, unchanged: the token is derived, not stored.
    expect((await feedLink("GET", "/api/v1/me/calendar-feed", member)).feed).toEqual(feed);

    const booking = await book(member);
    const response = await fetchFeed(feed.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(response.headers["cache-control"]).toBe("private, max-age=300");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");

    const first = await eventsOf(feed.url);
    expect(first.calendar.getFirstPropertyValue("x-wr-calname")).toBe("Bookable: my bookings");
    const event = first.byUid(uidOf(booking.id));
    if (!event) throw new Error("my booking is not in my feed");
    expect(event.status).toBe("CONFIRMED");
    expect(event.event.sequence).toBe(0);
    expect(event.event.startDate.zone?.tzid).toBe("UTC");
    expect(event.event.startDate.toJSDate().toISOString()).toBe(booking.start);
    expect(event.event.endDate.toJSDate().toISOString()).toBe(booking.end);
    expect(event.event.location).toBe("Floor 2, Room 4");
    expect(event.event.description).toContain("(Europe/Berlin)");
    // The same UID as the booking's own calendar file, so apps that imported it update rather than duplicate.
    const file = await server.app.inject({ url: `/api/v1/bookings/${booking.id}/calendar.ics`, headers: bearer(member) });
    expect(new ICAL.Component(ICAL.parse(file.body)).getFirstSubcomponent("vevent")?.getFirstPropertyValue("uid")).toBe(
      uidOf(booking.id),
    );

    const moved = await server.postJson(
      `/api/v1/bookings/${booking.id}/reschedule`,
      { start: new Date(new Date(booking.start).getTime() + HOUR).toISOString() },
      bearer(member),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const afterMove = (await eventsOf(feed.url)).byUid(uidOf(booking.id));
    expect(afterMove?.event.sequence).toBe(1);
    expect(afterMove?.event.startDate.toJSDate().toISOString()).toBe(moved.json().start);

    expect((await cancelAs(server, member, booking.id)).statusCode).toBe(200);
    const afterCancel = (await eventsOf(feed.url)).byUid(uidOf(booking.id));
    expect(afterCancel?.status).toBe("CANCELLED");
    expect(afterCancel?.event.sequence).toBe(2);
  });

  it("shows a booking held while it is paid for as tentative", async () => {
    const priced = await createTestResource(server, { price: { amount: 900, currency: "EUR" } });
    const slot = await firstFreeSlot(server, priced.id);
    const response = await server.postJson(
      "/api/v1/bookings",
      { resourceId: priced.id, start: slot.start, attendee: { name: "Grace Hopper", email: "grace@example.com" } },
      bearer(member),
    );
    expect(response.statusCode, response.body).toBe(201);
    const held = response.json() as BookingOutput;
    expect(held.status).toBe("held");
    const { feed } = await feedLink("POST", "/api/v1/me/calendar-feed", member);
    expect((await eventsOf(feed?.url ?? "")).byUid(uidOf(held.id))?.status).toBe("TENTATIVE");
  });

  it("answers 304 without a body while nothing changed, and a new ETag once a booking changes", async () => {
    const { feed } = await feedLink("POST", "/api/v1/me/calendar-feed", member);
    if (!feed) throw new Error("no feed made");
    const booking = await book(member);
    const first = await fetchFeed(feed.url);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await fetchFeed(feed.url)).headers.etag).toBe(etag);

    const unchanged = await fetchFeed(feed.url, { "if-none-match": String(etag) });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe("");
    expect(unchanged.headers.etag).toBe(etag);
    expect(unchanged.headers["cache-control"]).toBe("private, max-age=300");

    expect((await cancelAs(server, member, booking.id)).statusCode).toBe(200);
    const changed = await fetchFeed(feed.url, { "if-none-match": String(etag) });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body).toContain("STATUS:CANCELLED");
  });

  it("never shows another person's bookings", async () => {
    const mine = await book(member);
    const theirs = await book(other);
    const myFeed = (await feedLink("POST", "/api/v1/me/calendar-feed", member)).feed;
    const theirFeed = (await feedLink("POST", "/api/v1/me/calendar-feed", other)).feed;
    if (!myFeed || !theirFeed) throw new Error("no feed made");
    expect(myFeed.url).not.toBe(theirFeed.url);
    const myEvents = await eventsOf(myFeed.url);
    expect(myEvents.byUid(uidOf(mine.id))).toBeDefined();
    expect(myEvents.byUid(uidOf(theirs.id))).toBeUndefined();
    const theirEvents = await eventsOf(theirFeed.url);
    expect(theirEvents.byUid(uidOf(theirs.id))).toBeDefined();
    expect(theirEvents.events.every((event) => event.uid !== uidOf(mine.id))).toBe(true);
  });

  it("stops opening a regenerated or revoked link, and answers 404 to any token it did not make", async () => {
    const old = (await feedLink("POST", "/api/v1/me/calendar-feed", member)).feed;
    const renewed = (await feedLink("POST", "/api/v1/me/calendar-feed", member)).feed;
    if (!old || !renewed) throw new Error("no feed made");
    expect(renewed.url).not.toBe(old.url);
    const gone = await fetchFeed(old.url);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe("NOT_FOUND");
    expect((await fetchFeed(renewed.url)).statusCode).toBe(200);

    expect(await feedLink("DELETE", "/api/v1/me/calendar-feed", member)).toEqual({ feed: null });
    expect((await fetchFeed(renewed.url)).statusCode).toBe(404);
    expect(await feedLink("GET", "/api/v1/me/calendar-feed", member)).toEqual({ feed: null });
    // Revoking twice is not an error.
    expect(await feedLink("DELETE", "/api/v1/me/calendar-feed", member)).toEqual({ feed: null });

    const token = tokenIn(renewed.url);
    for (const path of [
      `/api/v1/feeds/bkf_${"A".repeat(22)}.ics`,
      "/api/v1/feeds/not-a-token.ics",
      `/api/v1/feeds/${token}`,
      `/api/v1/feeds/${"x".repeat(190)}.ics`,
      `/api/v1/feeds/${token}/resources/not-a-uuid.ics`,
    ]) {
      const response = await server.app.inject({ url: path });
      expect(response.statusCode, path).toBe(404);
    }
    // The tokens never reach the log: request lines carry the path with the token replaced.
    const logged = JSON.stringify(server.logs);
    expect(logged).not.toContain(token);
    expect(logged).toContain("/api/v1/feeds/[redacted]");
  });

  it("gives admins a feed of every booking of a resource, and nobody else", async () => {
    const admin = await adminToken(server);
    const mine = await book(member);
    const theirs = await book(other);
    const path = `/api/v1/resources/${resource.id}/calendar-feed`;

    expect((await call("GET", path, member)).statusCode).toBe(403);
    expect((await call("POST", "/api/v1/admin/calendar-feed", member)).statusCode).toBe(403);
    expect((await call("GET", path)).statusCode).toBe(401);
    expect((await call("GET", `/api/v1/resources/${crypto.randomUUID()}/calendar-feed`, admin)).statusCode).toBe(404);

    const made = await call("POST", "/api/v1/admin/calendar-feed", admin);
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json().active).toBe(true);
    const { feed } = await feedLink("GET", path, admin);
    if (!feed) throw new Error("no resource feed");
    expect(feed.url).toMatch(new RegExp(`/api/v1/feeds/bkf_[A-Za-z0-9_-]{22}/resources/${resource.id}\\.ics$`));

    const { calendar, byUid } = await eventsOf(feed.url);
    expect(calendar.getFirstPropertyValue("x-wr-timezone")).toBe("Europe/Berlin");
    expect(byUid(uidOf(mine.id))?.event.summary).toBe("Grace Hopper");
    expect(byUid(uidOf(theirs.id))).toBeDefined();

    // The admin token opens resource feeds only; a personal token opens none.
    const adminTokenInUrl = tokenIn(feed.url);
    expect((await server.app.inject({ url: `/api/v1/feeds/${adminTokenInUrl}.ics` })).statusCode).toBe(404);
    const personal = (await feedLink("POST", "/api/v1/me/calendar-feed", member)).feed;
    const personalToken = tokenIn(personal?.url ?? "");
    expect((await server.app.inject({ url: `/api/v1/feeds/${personalToken}/resources/${resource.id}.ics` })).statusCode).toBe(
      404,
    );
    expect(
      (await server.app.inject({ url: `/api/v1/feeds/${adminTokenInUrl}/resources/${crypto.randomUUID()}.ics` })).statusCode,
    ).toBe(404);

    const revoked = await call("DELETE", "/api/v1/admin/calendar-feed", admin);
    expect(revoked.json()).toEqual({ active: false, createdAt: null });
    expect((await fetchFeed(feed.url)).statusCode).toBe(404);
    expect(await feedLink("GET", path, admin)).toEqual({ feed: null });
  });

  it("closes an admin's resource feeds once they are no longer an admin", async () => {
    const account = await registerVerifiedAccount(server);
    await server.database.db.update(users).set({ role: "admin" }).where(eq(users.id, account.id));
    const token = (await tokenPair(server, account)).accessToken;
    expect((await call("POST", "/api/v1/admin/calendar-feed", token)).statusCode).toBe(200);
    const { feed } = await feedLink("GET", `/api/v1/resources/${resource.id}/calendar-feed`, token);
    if (!feed) throw new Error("no resource feed");
    expect((await fetchFeed(feed.url)).statusCode).toBe(200);

    await server.database.db.update(users).set({ role: "member" }).where(eq(users.id, account.id));
    expect((await fetchFeed(feed.url)).statusCode).toBe(404);
  });
});
