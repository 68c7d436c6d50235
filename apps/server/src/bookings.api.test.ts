// Resources, availability and bookings through the REST API, on PGlite and PostgreSQL.
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("bookings on $driver", (target) => {
  let server: TestServer;
  let member: { accessToken: string };
  let otherMember: { accessToken: string };
  const attendee = { name: "Ada Lovelace", email: "ada@example.com" };
  const book = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    server.postJson("/api/v1/bookings", body, { ...bearer(token), ...headers });
  const availability = (resourceId: string, from: string, to: string) =>
    server.app.inject({ method: "GET", url: `/api/v1/resources/${resourceId}/availability?from=${from}&to=${to}` });

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000" });
    member = await tokenPair(server, await registerVerifiedAccount(server));
    otherMember = await tokenPair(server, await registerVerifiedAccount(server));
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("resources", () => {
    it("are created by an admin with defaults and listed publicly", async () => {
      const resource = await createTestResource(server, {
        name: "Studio One",
        price: { amount: 2500, currency: "eur" },
        capacity: 3,
      });
      expect(resource).toMatchObject({
        slug: "studio-one",
        capacity: 3,
        price: { amount: 2500, currency: "EUR" },
        status: "active",
      });
      const list = (await server.app.inject("/api/v1/resources")).json();
      expect(list.items.map((item: { id: string }) => item.id)).toContain(resource.id);
      expect(list.nextCursor).toBeNull();
      expect((await server.app.inject(`/api/v1/resources/${resource.id}`)).json().name).toBe("Studio One");
    });

    it("refuse a member with 403 and an anonymous caller with 401", async () => {
      const body = { name: "Sneaky", timeZone: "UTC", slotMinutes: 30, weeklyHours: [] };
      expect((await server.postJson("/api/v1/resources", body, bearer(member.accessToken))).statusCode).toBe(403);
      expect((await server.postJson("/api/v1/resources", body)).statusCode).toBe(401);
      const resource = await createTestResource(server);
      const edit = await server.app.inject({
        method: "PATCH",
        url: `/api/v1/resources/${resource.id}`,
        headers: { ...bearer(member.accessToken), "content-type": "application/json" },
        payload: JSON.stringify({ name: "Mine now" }),
      });
      expect(edit.statusCode).toBe(403);
    });

    it("answer bad input with 400 and one issue per field", async () => {
      const response = await server.postJson(
        "/api/v1/resources",
        {
          name: "",
          timeZone: "Mars/Olympus",
          slotMinutes: 1,
          weeklyHours: [{ weekday: 8, start: "9am", end: "08:00" }],
          capacity: 0,
        },
        bearer(await adminToken(server)),
      );
      expect(response.statusCode).toBe(400);
      const paths = response.json().error.issues.map((issue: { path: string }) => issue.path);
      expect(paths).toEqual(
        expect.arrayContaining(["name", "timeZone", "slotMinutes", "weeklyHours.0.weekday", "weeklyHours.0.start", "capacity"]),
      );
      const end = await server.postJson(
        "/api/v1/resources",
        { name: "X", timeZone: "UTC", slotMinutes: 30, weeklyHours: [{ weekday: 1, start: "10:00", end: "09:00" }] },
        bearer(await adminToken(server)),
      );
      expect(end.json().error.issues).toEqual([{ path: "weeklyHours.0.end", message: "End must be after start" }]);
    });

    it("are edited partially and archived; archived ones leave the public list and take no bookings", async () => {
      const resource = await createTestResource(server);
      const slot = await firstFreeSlot(server, resource.id);
      const edited = await server.app.inject({
        method: "PATCH",
        url: `/api/v1/resources/${resource.id}`,
        headers: { ...bearer(await adminToken(server)), "content-type": "application/json" },
        payload: JSON.stringify({ status: "archived", description: "Closed for renovation" }),
      });
      expect(edited.json()).toMatchObject({ status: "archived", description: "Closed for renovation", slotMinutes: 60 });
      const list = (await server.app.inject("/api/v1/resources")).json();
      expect(list.items.map((item: { id: string }) => item.id)).not.toContain(resource.id);
      const attempt = await book(member.accessToken, { resourceId: resource.id, start: slot.start, attendee });
      expect(attempt.statusCode).toBe(400);
    });

    it("answer bad edits, overrides and list parameters with 400 and field issues", async () => {
      const resource = await createTestResource(server);
      const admin = bearer(await adminToken(server));
      const send = (method: "PATCH" | "PUT", url: string, body: unknown) =>
        server.app.inject({
          method,
          url,
          headers: { ...admin, "content-type": "application/json" },
          payload: JSON.stringify(body),
        });
      const patch = await send("PATCH", `/api/v1/resources/${resource.id}`, {
        slotMinutes: 0,
        price: { amount: -1, currency: "euro" },
      });
      expect(patch.statusCode).toBe(400);
      expect(
        patch
          .json()
          .error.issues.map((issue: { path: string }) => issue.path)
          .sort(),
      ).toEqual(["price.amount", "price.currency", "slotMinutes"]);
      const override = await send("PUT", `/api/v1/resources/${resource.id}/overrides/2027-02-30`, { closed: false, hours: [] });
      expect(override.statusCode).toBe(400);
      expect(
        override
          .json()
          .error.issues.map((issue: { path: string }) => issue.path)
          .sort(),
      ).toEqual(["date", "hours"]);
      const list = await server.app.inject({
        method: "GET",
        url: "/api/v1/bookings?when=soon&limit=0",
        headers: bearer(member.accessToken),
      });
      expect(list.statusCode).toBe(400);
      expect(
        list
          .json()
          .error.issues.map((issue: { path: string }) => issue.path)
          .sort(),
      ).toEqual(["limit", "when"]);
      const cursor = await server.app.inject({
        method: "GET",
        url: "/api/v1/bookings?cursor=garbage",
        headers: bearer(member.accessToken),
      });
      expect(cursor.json().error.issues).toEqual([{ path: "cursor", message: "Not a cursor from this API" }]);
      const cancel = await server.postJson("/api/v1/bookings/not-an-id/cancel", {}, bearer(member.accessToken));
      expect(cancel.json().error.issues).toEqual([{ path: "id", message: "Not a booking id" }]);
    });

    it("refuse a duplicate slug with 409 naming the field", async () => {
      await createTestResource(server, { slug: "unique-room" });
      const second = await server.postJson(
        "/api/v1/resources",
        { name: "Other", slug: "unique-room", timeZone: "UTC", slotMinutes: 30, weeklyHours: [] },
        bearer(await adminToken(server)),
      );
      expect(second.statusCode).toBe(409);
      expect(second.json().error.issues).toEqual([{ path: "slug", message: "That slug is taken" }]);
    });
  });

  describe("availability", () => {
    it("returns the opening hours' slots as UTC instants, honouring date overrides", async () => {
      const resource = await createTestResource(server, {
        weeklyHours: [{ weekday: 1, start: "09:00", end: "12:00" }],
        horizonDays: 730,
      });
      // Monday 2027-01-04 in Berlin is UTC+1: 09:00 local is 08:00Z.
      const monday = await availability(resource.id, "2027-01-04T00:00:00Z", "2027-01-05T00:00:00Z");
      expect(monday.statusCode).toBe(200);
      expect(monday.json()).toEqual({
        timeZone: "Europe/Berlin",
        slots: [
          { start: "2027-01-04T08:00:00.000Z", end: "2027-01-04T09:00:00.000Z", seatsLeft: 1 },
          { start: "2027-01-04T09:00:00.000Z", end: "2027-01-04T10:00:00.000Z", seatsLeft: 1 },
          { start: "2027-01-04T10:00:00.000Z", end: "2027-01-04T11:00:00.000Z", seatsLeft: 1 },
        ],
      });
      const admin = bearer(await adminToken(server));
      const closed = await server.app.inject({
        method: "PUT",
        url: `/api/v1/resources/${resource.id}/overrides/2027-01-04`,
        headers: { ...admin, "content-type": "application/json" },
        payload: JSON.stringify({ closed: true }),
      });
      expect(closed.statusCode).toBe(200);
      expect((await availability(resource.id, "2027-01-04T00:00:00Z", "2027-01-05T00:00:00Z")).json().slots).toEqual([]);
      const other = await server.app.inject({
        method: "PUT",
        url: `/api/v1/resources/${resource.id}/overrides/2027-01-04`,
        headers: { ...admin, "content-type": "application/json" },
        payload: JSON.stringify({ closed: false, hours: [{ start: "14:00", end: "15:00" }] }),
      });
      expect(other.json()).toEqual({ date: "2027-01-04", closed: false, hours: [{ start: "14:00", end: "15:00" }] });
      expect((await availability(resource.id, "2027-01-04T00:00:00Z", "2027-01-05T00:00:00Z")).json().slots).toEqual([
        { start: "2027-01-04T13:00:00.000Z", end: "2027-01-04T14:00:00.000Z", seatsLeft: 1 },
      ]);
      expect((await server.app.inject(`/api/v1/resources/${resource.id}/overrides`)).json().items).toHaveLength(1);
      expect((await server.app.inject("/api/v1/resources/00000000-0000-4000-8000-000000000000/overrides")).statusCode).toBe(404);
      const removed = await server.app.inject({
        method: "DELETE",
        url: `/api/v1/resources/${resource.id}/overrides/2027-01-04`,
        headers: admin,
      });
      expect(removed.statusCode).toBe(200);
      expect((await availability(resource.id, "2027-01-04T00:00:00Z", "2027-01-05T00:00:00Z")).json().slots).toHaveLength(3);
    });

    it("answers a bad window with 400", async () => {
      const resource = await createTestResource(server);
      const backwards = await availability(resource.id, "2027-01-05T00:00:00Z", "2027-01-04T00:00:00Z");
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().error.issues).toEqual([{ path: "to", message: "`to` must be after `from`" }]);
      expect((await availability(resource.id, "yesterday", "2027-01-04T00:00:00Z")).json().error.issues[0].path).toBe("from");
      expect((await availability(resource.id, "2027-01-01T00:00:00Z", "2027-06-01T00:00:00Z")).statusCode).toBe(400);
      expect((await availability("not-an-id", "2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z")).statusCode).toBe(400);
    });
  });

  describe("booking", () => {
    it("confirms a free slot, takes it out of availability, and gives it back when cancelled", async () => {
      const resource = await createTestResource(server, { bufferAfterMinutes: 30 });
      const slot = await firstFreeSlot(server, resource.id);
      const created = await book(member.accessToken, {
        resourceId: resource.id,
        start: slot.start,
        attendee,
        notes: "Whiteboard please",
      });
      expect(created.statusCode).toBe(201);
      const booking = created.json();
      expect(booking).toMatchObject({
        status: "confirmed",
        start: slot.start,
        end: slot.end,
        seats: 1,
        holdExpiresAt: null,
        notes: "Whiteboard please",
      });

      const day = { from: slot.start, to: new Date(Date.parse(slot.start) + 6 * 3600_000).toISOString() };
      const after = (await availability(resource.id, day.from, day.to)).json().slots.map((item: { start: string }) => item.start);
      expect(after).not.toContain(slot.start);
      // The 30-minute buffer after it blocks the next hour's slot too.
      expect(after).not.toContain(slot.end);

      const fetched = await server.app.inject({
        method: "GET",
        url: `/api/v1/bookings/${booking.id}`,
        headers: bearer(member.accessToken),
      });
      expect(fetched.json().id).toBe(booking.id);
      const cancelled = await server.postJson(`/api/v1/bookings/${booking.id}/cancel`, {}, bearer(member.accessToken));
      expect(cancelled.json()).toMatchObject({ status: "cancelled", cancelledAt: expect.any(String) });
      const freed = (await availability(resource.id, day.from, day.to)).json().slots.map((item: { start: string }) => item.start);
      expect(freed).toContain(slot.start);
      expect((await server.postJson(`/api/v1/bookings/${booking.id}/cancel`, {}, bearer(member.accessToken))).statusCode).toBe(
        409,
      );
    });

    it("holds a priced slot until holdExpiresAt, and the hold stops counting once it has expired", async () => {
      const resource = await createTestResource(server, { price: { amount: 1500, currency: "EUR" } });
      const slot = await firstFreeSlot(server, resource.id);
      const held = (await book(member.accessToken, { resourceId: resource.id, start: slot.start, attendee })).json();
      expect(held).toMatchObject({ status: "held", price: { amount: 1500, currency: "EUR" } });
      const holdMinutes = (Date.parse(held.holdExpiresAt) - Date.parse(held.createdAt)) / 60_000;
      expect(holdMinutes).toBeGreaterThan(29);
      expect(holdMinutes).toBeLessThan(31);
      expect((await book(otherMember.accessToken, { resourceId: resource.id, start: slot.start, attendee })).statusCode).toBe(
        409,
      );

      const { bookings } = await import("@bookable/db");
      const { eq } = await import("drizzle-orm");
      await server.database.db
        .update(bookings)
        .set({ holdExpiresAt: new Date(Date.now() - 1000) })
        .where(eq(bookings.id, held.id));
      const second = await book(otherMember.accessToken, { resourceId: resource.id, start: slot.start, attendee });
      expect(second.statusCode).toBe(201);
      const expired = await server.app.inject({
        method: "GET",
        url: `/api/v1/bookings/${held.id}`,
        headers: bearer(member.accessToken),
      });
      expect(expired.json().status).toBe("expired");
    });

    it("refuses a start the resource does not offer, too many seats, and bad attendee details with 400", async () => {
      const resource = await createTestResource(server, { capacity: 2 });
      const slot = await firstFreeSlot(server, resource.id);
      const offset = new Date(Date.parse(slot.start) + 15 * 60_000).toISOString();
      const unaligned = await book(member.accessToken, { resourceId: resource.id, start: offset, attendee });
      expect(unaligned.json().error.issues).toEqual([{ path: "start", message: "Pick one of the resource's available slots" }]);
      const tooMany = await book(member.accessToken, { resourceId: resource.id, start: slot.start, seats: 3, attendee });
      expect(tooMany.json().error.issues).toEqual([{ path: "seats", message: "This resource has 2 seats" }]);
      const badAttendee = await book(member.accessToken, {
        resourceId: resource.id,
        start: slot.start,
        attendee: { name: "", email: "nope", phone: "0151 123" },
      });
      expect(badAttendee.statusCode).toBe(400);
      expect(
        badAttendee
          .json()
          .error.issues.map((issue: { path: string }) => issue.path)
          .sort(),
      ).toEqual(["attendee.email", "attendee.name", "attendee.phone"]);
    });

    it("keeps bookings private: another member gets 404 and cannot cancel; an admin can", async () => {
      const resource = await createTestResource(server);
      const slot = await firstFreeSlot(server, resource.id);
      const booking = (await book(member.accessToken, { resourceId: resource.id, start: slot.start, attendee })).json();
      const peek = await server.app.inject({
        method: "GET",
        url: `/api/v1/bookings/${booking.id}`,
        headers: bearer(otherMember.accessToken),
      });
      expect(peek.statusCode).toBe(404);
      const cancel = await server.postJson(`/api/v1/bookings/${booking.id}/cancel`, {}, bearer(otherMember.accessToken));
      expect(cancel.statusCode).toBe(404);
      const theirs = await server.app.inject({
        method: "GET",
        url: "/api/v1/bookings",
        headers: bearer(otherMember.accessToken),
      });
      expect(theirs.json().items.map((item: { id: string }) => item.id)).not.toContain(booking.id);
      const ics = await server.app.inject({
        method: "GET",
        url: `/api/v1/bookings/${booking.id}/calendar.ics`,
        headers: bearer(otherMember.accessToken),
      });
      expect(ics.statusCode).toBe(404);
      const adminCancel = await server.postJson(`/api/v1/bookings/${booking.id}/cancel`, {}, bearer(await adminToken(server)));
      expect(adminCancel.json().status).toBe("cancelled");
    });

    it("lists my upcoming bookings soonest first with cursor pagination, and the admin list filters", async () => {
      const resource = await createTestResource(server);
      const someone = await tokenPair(server, await registerVerifiedAccount(server));
      const from = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
      const to = new Date(Date.now() + 4 * 24 * 3600_000).toISOString();
      const slots = (await availability(resource.id, from, to)).json().slots.slice(0, 3);
      for (const slot of [...slots].reverse())
        await book(someone.accessToken, { resourceId: resource.id, start: slot.start, attendee });
      const first = (
        await server.app.inject({ method: "GET", url: "/api/v1/bookings?limit=2", headers: bearer(someone.accessToken) })
      ).json();
      expect(first.items.map((item: { start: string }) => item.start)).toEqual([slots[0].start, slots[1].start]);
      const second = (
        await server.app.inject({
          method: "GET",
          url: `/api/v1/bookings?limit=2&cursor=${first.nextCursor}`,
          headers: bearer(someone.accessToken),
        })
      ).json();
      expect(second.items.map((item: { start: string }) => item.start)).toEqual([slots[2].start]);
      expect(second.nextCursor).toBeNull();
      const past = await server.app.inject({
        method: "GET",
        url: "/api/v1/bookings?when=past",
        headers: bearer(someone.accessToken),
      });
      expect(past.json().items).toEqual([]);

      const all = await server.app.inject({
        method: "GET",
        url: `/api/v1/admin/bookings?resourceId=${resource.id}&status=confirmed`,
        headers: bearer(await adminToken(server)),
      });
      expect(all.json().items).toHaveLength(3);
      expect(
        (await server.app.inject({ method: "GET", url: "/api/v1/admin/bookings", headers: bearer(someone.accessToken) }))
          .statusCode,
      ).toBe(403);
    });

    it("still counts seats booked before the capacity was lowered", async () => {
      const resource = await createTestResource(server, { capacity: 3 });
      const slot = await firstFreeSlot(server, resource.id);
      for (let index = 0; index < 3; index++) {
        expect((await book(member.accessToken, { resourceId: resource.id, start: slot.start, attendee })).statusCode).toBe(201);
      }
      const cancelled = (
        await server.app.inject({ method: "GET", url: "/api/v1/bookings?limit=100", headers: bearer(member.accessToken) })
      )
        .json()
        .items.find((item: { resourceId: string; seats: number }) => item.resourceId === resource.id);
      await server.postJson(`/api/v1/bookings/${cancelled.id}/cancel`, {}, bearer(member.accessToken));
      // Two seats stay booked; the resource now has only two seats, so nothing is left.
      const lowered = await server.app.inject({
        method: "PATCH",
        url: `/api/v1/resources/${resource.id}`,
        headers: { ...bearer(await adminToken(server)), "content-type": "application/json" },
        payload: JSON.stringify({ capacity: 2 }),
      });
      expect(lowered.json().capacity).toBe(2);
      const attempt = await book(otherMember.accessToken, { resourceId: resource.id, start: slot.start, attendee });
      expect(attempt.statusCode).toBe(409);
      expect(attempt.json().error.code).toBe("SLOT_TAKEN");
    });

    it("serves the booking as an iCalendar file", async () => {
      const resource = await createTestResource(server, { name: "Sound booth" });
      const slot = await firstFreeSlot(server, resource.id);
      const booking = (await book(member.accessToken, { resourceId: resource.id, start: slot.start, attendee })).json();
      const ics = await server.app.inject({
        method: "GET",
        url: `/api/v1/bookings/${booking.id}/calendar.ics`,
        headers: bearer(member.accessToken),
      });
      expect(ics.statusCode).toBe(200);
      expect(ics.headers["content-type"]).toContain("text/calendar");
      expect(ics.body).toContain("BEGIN:VEVENT\r\n");
      expect(ics.body).toContain(`DTSTART:${slot.start.replaceAll("-", "").replaceAll(":", "").replace(".000", "")}`);
      expect(ics.body).toContain("SUMMARY:Sound booth");
      expect(ics.body).toContain("STATUS:CONFIRMED");
      expect((await server.app.inject(`/api/v1/bookings/${booking.id}/calendar.ics`)).statusCode).toBe(401);
    });
  });

  describe("Idempotency-Key", () => {
    it("replays the first response for the same key and body, and answers 422 for another body", async () => {
      const resource = await createTestResource(server, { capacity: 5 });
      const slot = await firstFreeSlot(server, resource.id);
      const body = { resourceId: resource.id, start: slot.start, attendee };
      const first = await book(member.accessToken, body, { "idempotency-key": "order-42" });
      const replay = await book(
        member.accessToken,
        { attendee, start: slot.start, resourceId: resource.id },
        { "idempotency-key": "order-42" },
      );
      expect(first.statusCode).toBe(201);
      expect(replay.statusCode).toBe(201);
      expect(replay.json()).toEqual(first.json());
      const seatsLeft = (await firstFreeSlot(server, resource.id)).seatsLeft;
      expect(seatsLeft).toBe(4);
      const mismatch = await book(member.accessToken, { ...body, seats: 2 }, { "idempotency-key": "order-42" });
      expect(mismatch.statusCode).toBe(422);
      expect(mismatch.json().error.code).toBe("IDEMPOTENCY_KEY_REUSED");
      // Keys belong to their caller: another member's "order-42" is a different key.
      expect((await book(otherMember.accessToken, body, { "idempotency-key": "order-42" })).statusCode).toBe(201);
    });

    it("does not remember a failed attempt, so the same key can be retried", async () => {
      const resource = await createTestResource(server);
      const slot = await firstFreeSlot(server, resource.id);
      await book(otherMember.accessToken, { resourceId: resource.id, start: slot.start, attendee });
      const failed = await book(
        member.accessToken,
        { resourceId: resource.id, start: slot.start, attendee },
        { "idempotency-key": "retry-me" },
      );
      expect(failed.statusCode).toBe(409);
      expect(failed.json().error.code).toBe("SLOT_TAKEN");
      const next = await firstFreeSlot(server, resource.id);
      const retried = await book(
        member.accessToken,
        { resourceId: resource.id, start: next.start, attendee },
        { "idempotency-key": "retry-me" },
      );
      expect(retried.statusCode).toBe(201);
    });
  });
});
