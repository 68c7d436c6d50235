// The waitlist of full slots (issue 15): join only when full, positions, leave, the admin list, and offers
// made through the hold machinery: on a cancellation, accepted, declined, lapsed; on PGlite and PostgreSQL.
import { bookingSeats, bookings, waitlistEntries } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import type { WaitlistEntryOutput } from "@bookable/validators";
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, settleNotifications, tokenPair, trpcMutation } from "../test/account-helpers.js";
import { bookAs, cancelAs, getBookingAs, makeHoldOverdue } from "../test/payment-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("waitlist on $driver", (target) => {
  let server: TestServer;
  let admin: string;
  const people: { accessToken: string; email: string; id: string }[] = [];
  const person = (index: number) => {
    const found = people[index];
    if (!found) throw new Error(`no person ${index}`);
    return found;
  };

  const join = (token: string, resourceId: string, start: string, email = "wait@example.com", phone?: string) =>
    server.postJson(
      `/api/v1/resources/${resourceId}/waitlist`,
      { start, attendee: { name: "Wai Ting", email, ...(phone ? { phone, smsOptIn: true } : {}) } },
      bearer(token),
    );
  const mine = async (token: string) => {
    const response = await server.app.inject({ method: "GET", url: "/api/v1/me/waitlist", headers: bearer(token) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as WaitlistEntryOutput[];
  };
  /** The caller's entry for a resource's slot (slots of the resources of different tests start at the same time). */
  const entryOf = async (token: string, resourceId: string) =>
    (await mine(token)).find((entry) => entry.resourceId === resourceId);
  const adminList = async (resourceId: string) => {
    const response = await server.app.inject({
      method: "GET",
      url: `/api/v1/admin/waitlist?resourceId=${resourceId}`,
      headers: bearer(admin),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as { id: string; status: string; position: number | null; userId: string }[];
  };
  const accept = (token: string, entryId: string) => server.postJson(`/api/v1/me/waitlist/${entryId}/accept`, {}, bearer(token));

  /** A one-seat resource whose first slot is booked by person 0: full. */
  async function fullSlot() {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const booked = await bookAs(server, person(0).accessToken, { resourceId: resource.id, start: slot.start });
    expect(booked.statusCode, booked.body).toBe(201);
    return { resource, slot, bookingId: booked.json().id as string };
  }

  async function seatRowsOf(resourceId: string) {
    const [row] = await server.database.db
      .select({ n: count() })
      .from(bookingSeats)
      .where(eq(bookingSeats.resourceId, resourceId));
    return row?.n ?? 0;
  }

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000" });
    admin = await adminToken(server);
    for (let index = 0; index < 4; index++) {
      const account = await registerVerifiedAccount(server);
      people.push({ ...(await tokenPair(server, account)), email: account.email, id: account.id });
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it("refuses to put anyone in line for a slot with a free seat (409 WAITLIST_SLOT_AVAILABLE)", async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const response = await join(person(1).accessToken, resource.id, slot.start);
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.code).toBe("WAITLIST_SLOT_AVAILABLE");
    expect(await mine(person(1).accessToken)).toEqual([]);
  });

  it("lists a booked-out slot as full (anyone may ask), and no longer once its seat is free again", async () => {
    const { resource, slot, bookingId } = await fullSlot();
    const dayOf = (start: string) => {
      const from = new Date(start);
      from.setUTCHours(0, 0, 0, 0);
      return `from=${from.toISOString()}&to=${new Date(from.getTime() + 2 * 86_400_000).toISOString()}`;
    };
    const fullSlots = async () => {
      const response = await server.app.inject({
        method: "GET",
        url: `/api/v1/resources/${resource.id}/availability/full?${dayOf(slot.start)}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { slots: { start: string; end: string }[] }).slots;
    };
    expect(await fullSlots()).toEqual([{ start: slot.start, end: slot.end }]);
    // Exactly the slots the waitlist takes: the full one is joinable, the free ones are not listed.
    expect((await join(person(1).accessToken, resource.id, slot.start)).statusCode).toBe(201);
    expect((await cancelAs(server, person(0).accessToken, bookingId)).statusCode).toBe(200);
    // The freed seat went to the first in line as a held offer: the slot is still full.
    expect(await fullSlots()).toEqual([{ start: slot.start, end: slot.end }]);
    const offer = await entryOf(person(1).accessToken, resource.id);
    expect(offer?.status).toBe("offered");
    const left = await server.app.inject({
      method: "DELETE",
      url: `/api/v1/me/waitlist/${offer?.id}`,
      headers: bearer(person(1).accessToken),
    });
    expect(left.statusCode, left.body).toBe(200);
    expect(await fullSlots()).toEqual([]);
    const bad = await server.app.inject({ method: "GET", url: `/api/v1/resources/${resource.id}/availability/full?from=x&to=y` });
    expect(bad.statusCode).toBe(400);
  });

  it("answers bad input with 400 naming the field, and an anonymous caller with 401", async () => {
    const { resource } = await fullSlot();
    const bad = await server.postJson(
      `/api/v1/resources/${resource.id}/waitlist`,
      { start: "tomorrow", attendee: { name: "", email: "x" } },
      bearer(person(1).accessToken),
    );
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["start", "attendee.name", "attendee.email"]));
    const notASlot = await join(person(1).accessToken, resource.id, "2020-01-01T09:17:00Z");
    expect(notASlot.statusCode).toBe(400);
    expect(
      (
        await server.postJson(`/api/v1/resources/${resource.id}/waitlist`, {
          start: "2030-01-01T09:00:00Z",
          attendee: { name: "A", email: "a@example.com" },
        })
      ).statusCode,
    ).toBe(401);
  });

  it("puts people in line on a full slot, in the order they came, once each, and shows each their position", async () => {
    const { resource, slot } = await fullSlot();
    const first = await join(person(1).accessToken, resource.id, slot.start);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      status: "waiting",
      position: 1,
      start: slot.start,
      resourceId: resource.id,
      bookingId: null,
    });
    expect((await join(person(2).accessToken, resource.id, slot.start)).json().position).toBe(2);
    expect((await join(person(3).accessToken, resource.id, slot.start)).json().position).toBe(3);
    const again = await join(person(1).accessToken, resource.id, slot.start);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("WAITLIST_ALREADY_JOINED");

    const third = await entryOf(person(3).accessToken, resource.id);
    expect(third).toMatchObject({ status: "waiting", position: 3 });

    // The second leaves: the third moves up.
    const second = await entryOf(person(2).accessToken, resource.id);
    const left = await server.app.inject({
      method: "DELETE",
      url: `/api/v1/me/waitlist/${second?.id}`,
      headers: bearer(person(2).accessToken),
    });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json()).toMatchObject({ status: "left", position: null });
    expect((await entryOf(person(3).accessToken, resource.id))?.position).toBe(2);
    // Nobody else may leave for them.
    const third3 = await entryOf(person(3).accessToken, resource.id);
    expect(
      (
        await server.app.inject({
          method: "DELETE",
          url: `/api/v1/me/waitlist/${third3?.id}`,
          headers: bearer(person(1).accessToken),
        })
      ).statusCode,
    ).toBe(404);

    // Admins see the whole line; members may not.
    const line = await adminList(resource.id);
    expect(line.map((entry) => [entry.userId, entry.status, entry.position])).toEqual([
      [person(1).id, "waiting", 1],
      [person(2).id, "left", null],
      [person(3).id, "waiting", 2],
    ]);
    expect(
      (
        await server.app.inject({
          method: "GET",
          url: `/api/v1/admin/waitlist?resourceId=${resource.id}`,
          headers: bearer(person(1).accessToken),
        })
      ).statusCode,
    ).toBe(403);
    // And remove someone.
    const removed = await server.app.inject({
      method: "DELETE",
      url: `/api/v1/admin/waitlist/${third3?.id}`,
      headers: bearer(admin),
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await adminList(resource.id)).filter((entry) => entry.status === "waiting").map((entry) => entry.userId)).toEqual([
      person(1).id,
    ]);
  });

  it("offers a cancelled seat to the first in line as a held booking, emails them, and confirms it when accepted", async () => {
    const { resource, slot, bookingId } = await fullSlot();
    const email1 = `first-${Date.now()}@example.com`;
    const phone1 = `+49151${String(Date.now()).slice(-7)}`;
    expect((await join(person(1).accessToken, resource.id, slot.start, email1, phone1)).statusCode).toBe(201);
    expect((await join(person(2).accessToken, resource.id, slot.start)).statusCode).toBe(201);

    expect((await cancelAs(server, person(0).accessToken, bookingId)).statusCode).toBe(200);
    const offered = await entryOf(person(1).accessToken, resource.id);
    expect(offered).toMatchObject({ status: "offered", position: null });
    if (!offered?.bookingId) throw new Error("no offer");
    const held = await getBookingAs(server, person(1).accessToken, offered.bookingId);
    expect(held).toMatchObject({ status: "held", start: slot.start, attendee: { email: email1 } });
    const holdMinutes = (Date.parse(held.holdExpiresAt ?? "") - Date.now()) / 60_000;
    expect(holdMinutes).toBeGreaterThan(29);
    expect(holdMinutes).toBeLessThanOrEqual(30);
    // The seat is theirs: nobody else can book it, and the second in line stays second... first now.
    expect((await bookAs(server, person(3).accessToken, { resourceId: resource.id, start: slot.start })).statusCode).toBe(409);
    expect((await entryOf(person(2).accessToken, resource.id))?.position).toBe(1);
    expect(await seatRowsOf(resource.id)).toBe(1);

    await settleNotifications(server);
    const email = server.app.services.localMailbox
      ?.messages()
      .find((message) => message.to === email1 && message.template === "waitlist-offer");
    expect(email?.text).toContain(`/bookings/${offered.bookingId}`);
    expect(email?.subject).toContain("A seat is free");
    // Texted too, having opted in.
    const text = server.app.services.localSmsOutbox?.messages().find((message) => message.to === phone1);
    expect(text).toMatchObject({ template: "waitlist-offer" });
    expect(text?.body).toContain(`/bookings/${offered.bookingId}`);

    // Someone else cannot accept it.
    expect((await accept(person(2).accessToken, offered.id)).statusCode).toBe(404);
    const accepted = await accept(person(1).accessToken, offered.id);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ id: offered.bookingId, status: "confirmed", holdExpiresAt: null });
    expect((await entryOf(person(1).accessToken, resource.id))?.status).toBe("accepted");
    expect((await accept(person(1).accessToken, offered.id)).json().error.code).toBe("WAITLIST_OFFER_CLOSED");
    await settleNotifications(server);
    expect(
      server.app.services.localMailbox
        ?.messages()
        .some((message) => message.to === email1 && message.template === "booking-confirmed"),
    ).toBe(true);
  });

  it("lets an offer lapse when its hold runs out, and offers the seat to the next in line", async () => {
    const { resource, slot, bookingId } = await fullSlot();
    expect((await join(person(1).accessToken, resource.id, slot.start)).statusCode).toBe(201);
    expect((await join(person(2).accessToken, resource.id, slot.start)).statusCode).toBe(201);
    expect((await cancelAs(server, person(0).accessToken, bookingId)).statusCode).toBe(200);
    const first = await entryOf(person(1).accessToken, resource.id);
    if (!first?.bookingId) throw new Error("no offer");

    // The clock runs past the hold: the sweep releases it as any hold, and the next in line gets it.
    await makeHoldOverdue(server, first.bookingId);
    expect(await server.app.services.core.waitlist.sweep()).toBeGreaterThanOrEqual(1);
    expect((await getBookingAs(server, person(1).accessToken, first.bookingId)).status).toBe("expired");
    expect((await entryOf(person(1).accessToken, resource.id))?.status).toBe("lapsed");
    expect((await accept(person(1).accessToken, first.id)).json().error.code).toBe("WAITLIST_OFFER_CLOSED");
    const second = await entryOf(person(2).accessToken, resource.id);
    expect(second?.status).toBe("offered");
    if (!second?.bookingId) throw new Error("no second offer");
    expect((await getBookingAs(server, person(2).accessToken, second.bookingId)).status).toBe("held");
    expect(await seatRowsOf(resource.id)).toBe(1);

    // Declining (leaving with an offer) hands the seat on at once; with nobody left in line it is free to book.
    const declined = await server.app.inject({
      method: "DELETE",
      url: `/api/v1/me/waitlist/${second.id}`,
      headers: bearer(person(2).accessToken),
    });
    expect(declined.json()).toMatchObject({ status: "left" });
    expect((await getBookingAs(server, person(2).accessToken, second.bookingId)).status).toBe("expired");
    expect((await bookAs(server, person(3).accessToken, { resourceId: resource.id, start: slot.start })).statusCode).toBe(201);
  });

  it("offers a hold that ran out the same way (the payments sweep path), and seats a raised capacity adds", async () => {
    const resource = await createTestResource(server, { price: { amount: 1500, currency: "eur" } });
    const slot = await firstFreeSlot(server, resource.id);
    const held = await bookAs(server, person(0).accessToken, { resourceId: resource.id, start: slot.start });
    expect(held.statusCode, held.body).toBe(201);
    expect((await join(person(1).accessToken, resource.id, slot.start)).statusCode).toBe(201);
    expect((await join(person(2).accessToken, resource.id, slot.start)).statusCode).toBe(201);

    await makeHoldOverdue(server, held.json().id);
    await server.app.services.core.waitlist.sweep();
    const offer = await entryOf(person(1).accessToken, resource.id);
    expect(offer?.status).toBe("offered");
    if (!offer?.bookingId) throw new Error("no offer");
    // A priced offer is a held booking with its checkout, paid like any other.
    const booking = await getBookingAs(server, person(1).accessToken, offer.bookingId);
    expect(booking).toMatchObject({ status: "held", price: { amount: 1500 } });
    expect(booking.checkoutUrl).toBeTruthy();
    expect((await accept(person(1).accessToken, offer.id)).statusCode).toBe(409);

    // A second seat: the next in line is offered it as soon as the capacity is raised.
    const raised = await server.app.inject({
      method: "PATCH",
      url: `/api/v1/resources/${resource.id}`,
      headers: { ...bearer(admin), "content-type": "application/json" },
      payload: JSON.stringify({ capacity: 2 }),
    });
    expect(raised.statusCode, raised.body).toBe(200);
    expect((await entryOf(person(2).accessToken, resource.id))?.status).toBe("offered");
    const live = await server.database.db
      .select({ n: count() })
      .from(bookings)
      .where(and(eq(bookings.resourceId, resource.id), inArray(bookings.status, ["held", "confirmed"])));
    expect(live[0]?.n).toBe(2);
    expect(await seatRowsOf(resource.id)).toBe(2);
    const entries = await server.database.db.select().from(waitlistEntries).where(eq(waitlistEntries.resourceId, resource.id));
    expect(entries.filter((entry) => entry.status === "offered")).toHaveLength(2);

    // The first pays through the ordinary (local) checkout within the hold: confirmed, and the entry accepted.
    const sessionId = /\/dev\/checkout\/(cs_local_[0-9a-f]+)$/.exec(booking.checkoutUrl ?? "")?.[1] ?? "";
    const paid = await trpcMutation(server, "payments.payLocalCheckout", { sessionId }, bearer(person(1).accessToken));
    expect(paid.json().result.data).toMatchObject({ id: offer.bookingId, status: "confirmed", payment: { status: "paid" } });
    await server.app.services.core.waitlist.sweep(resource.id);
    expect((await entryOf(person(1).accessToken, resource.id))?.status).toBe("accepted");
    expect(await seatRowsOf(resource.id)).toBe(2);
  });
});
