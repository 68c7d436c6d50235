// Issue 15, the booker's way: cancelling with a reason (stored, shown to the booker and admins, in the
// email), the Cancelled tab of My bookings, and a slot taken by the caller themself. PGlite and PostgreSQL.
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, lastEmailTo, registerVerifiedAccount, tokenPair, trpcMutation } from "../test/account-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("my bookings on $driver", (target) => {
  let server: TestServer;
  let sequence = 0;

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000" });
    await adminToken(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function booker() {
    sequence += 1;
    const account = await registerVerifiedAccount(server);
    const { accessToken } = await tokenPair(server, account);
    return { account, accessToken, attendee: { name: "Ada Lovelace", email: `ada-${sequence}-${account.id}@example.com` } };
  }
  async function bookOne(who: Awaited<ReturnType<typeof booker>>, daysAhead = 2) {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id, daysAhead);
    const response = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee: who.attendee },
      bearer(who.accessToken),
    );
    expect(response.statusCode, response.body).toBe(201);
    return { booking: response.json() as { id: string; start: string }, resource };
  }
  const list = (token: string, query: string) =>
    server.app.inject({ method: "GET", url: `/api/v1/bookings?${query}`, headers: bearer(token) });

  it("keeps the reason, trimmed, shows it to the booker and to admins, and puts it in the cancellation email", async () => {
    const me = await booker();
    const { booking, resource } = await bookOne(me);
    const cancelled = await server.postJson(
      `/api/v1/bookings/${booking.id}/cancel`,
      { reason: "  My train was cancelled.  " },
      bearer(me.accessToken),
    );
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: "cancelled", cancellationReason: "My train was cancelled." });

    const mine = await server.app.inject({ url: `/api/v1/bookings/${booking.id}`, headers: bearer(me.accessToken) });
    expect(mine.json().cancellationReason).toBe("My train was cancelled.");
    const admin = await server.app.inject({
      url: `/api/v1/admin/bookings?resourceId=${resource.id}`,
      headers: bearer(await adminToken(server)),
    });
    expect(admin.json().items).toEqual([
      expect.objectContaining({ id: booking.id, cancellationReason: "My train was cancelled." }),
    ]);

    const email = await lastEmailTo(server, me.attendee.email);
    expect(email?.subject).toMatch(/^Cancelled/);
    expect(email?.text).toContain("Reason: My train was cancelled.");
  });

  it("takes the reason through tRPC too, and keeps no reason when none or a blank one is given", async () => {
    const me = await booker();
    const first = await bookOne(me, 2);
    const viaTrpc = await trpcMutation(
      server,
      "bookings.cancel",
      { id: first.booking.id, reason: "Double-booked by mistake" },
      bearer(me.accessToken),
    );
    expect(viaTrpc.statusCode, viaTrpc.body).toBe(200);
    expect(viaTrpc.json().result.data.cancellationReason).toBe("Double-booked by mistake");

    const second = await bookOne(me, 3);
    const blank = await server.postJson(
      `/api/v1/bookings/${second.booking.id}/cancel`,
      { reason: "   " },
      bearer(me.accessToken),
    );
    expect(blank.json()).toMatchObject({ status: "cancelled", cancellationReason: null });
    const email = await lastEmailTo(server, me.attendee.email);
    expect(email?.text).not.toContain("Reason:");
  });

  it("answers a reason over 500 characters with 400 naming the field, on both surfaces, and cancels nothing", async () => {
    const me = await booker();
    const { booking } = await bookOne(me);
    const tooLong = "x".repeat(501);
    const rest = await server.postJson(`/api/v1/bookings/${booking.id}/cancel`, { reason: tooLong }, bearer(me.accessToken));
    expect(rest.statusCode).toBe(400);
    expect(rest.json().error).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: [{ path: "reason", message: "Use at most 500 characters" }],
    });
    const trpc = await trpcMutation(server, "bookings.cancel", { id: booking.id, reason: tooLong }, bearer(me.accessToken));
    expect(trpc.statusCode).toBe(400);
    expect(trpc.json().error.data.issues).toEqual([{ path: "reason", message: "Use at most 500 characters" }]);
    const still = await server.app.inject({ url: `/api/v1/bookings/${booking.id}`, headers: bearer(me.accessToken) });
    expect(still.json().status).toBe("confirmed");
  });

  it("lists cancelled bookings under when=cancelled only, latest first, in pages", async () => {
    const me = await booker();
    const kept = await bookOne(me, 2);
    const gone = [await bookOne(me, 3), await bookOne(me, 4), await bookOne(me, 5)];
    for (const { booking } of gone) {
      const response = await server.postJson(`/api/v1/bookings/${booking.id}/cancel`, {}, bearer(me.accessToken));
      expect(response.statusCode).toBe(200);
    }
    const upcoming = (await list(me.accessToken, "when=upcoming")).json();
    expect(upcoming.items.map((item: { id: string }) => item.id)).toEqual([kept.booking.id]);

    const firstPage = (await list(me.accessToken, "when=cancelled&limit=2")).json();
    expect(firstPage.items.map((item: { id: string }) => item.id)).toEqual([gone[2]?.booking.id, gone[1]?.booking.id]);
    expect(firstPage.items.every((item: { status: string }) => item.status === "cancelled")).toBe(true);
    const secondPage = (await list(me.accessToken, `when=cancelled&limit=2&cursor=${firstPage.nextCursor}`)).json();
    expect(secondPage.items.map((item: { id: string }) => item.id)).toEqual([gone[0]?.booking.id]);
    expect(secondPage.nextCursor).toBeNull();

    const someoneElse = await booker();
    expect((await list(someoneElse.accessToken, "when=cancelled")).json().items).toEqual([]);
    const bad = await list(me.accessToken, "when=deleted");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe("when");
  });

  it("tells a booker who already holds the slot ALREADY_BOOKED, and anyone else only SLOT_TAKEN", async () => {
    const me = await booker();
    const { booking, resource } = await bookOne(me);
    const again = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: booking.start, attendee: me.attendee },
      bearer(me.accessToken),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: "ALREADY_BOOKED", message: "You already booked this time" });

    const other = await booker();
    const theirs = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: booking.start, attendee: other.attendee },
      bearer(other.accessToken),
    );
    expect(theirs.statusCode).toBe(409);
    expect(theirs.json().error.code).toBe("SLOT_TAKEN");
    expect(theirs.body).not.toContain(booking.id);

    // Once cancelled, the booker's own slot is free again rather than "already booked".
    await server.postJson(`/api/v1/bookings/${booking.id}/cancel`, {}, bearer(me.accessToken));
    const rebooked = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: booking.start, attendee: me.attendee },
      bearer(me.accessToken),
    );
    expect(rebooked.statusCode).toBe(201);
  });
});
