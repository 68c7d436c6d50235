// Issue 15, "Changing plans": a booking moves to another slot of its resource in one transaction, or nothing
// changes. The old seat becomes free, the new one taken, never both nor neither; a paid booking keeps its payment
// at the same price and is refused at another; the attendee gets one "moved" message, the reminders follow the
// new time, and the calendar file keeps its UID with a higher SEQUENCE. On PGlite and PostgreSQL.
import { bookingSeats, bookings, notifications } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import type { BookingOutput } from "@bookable/validators";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, settleNotifications, tokenPair, trpcMutation } from "../test/account-helpers.js";
import { getBookingAs } from "../test/payment-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const HOUR = 3_600_000;
const RACERS = 12;

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("rescheduling on $driver", (target) => {
  let server: TestServer;
  let member: string;
  let other: string;
  let admin: string;
  let attendeeCount = 0;

  beforeAll(async () => {
    server = await buildTestServer(target, {
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
      PUBLIC_URL: "http://bookable.test",
      PAYMENTS_SWEEP_SECONDS: "300",
      HOLDS_PER_USER: "1000",
      BOOKINGS_PER_HOUR: "1000",
      DATABASE_POOL_MAX: "20",
    });
    member = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
    other = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
    admin = await adminToken(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A fresh attendee address per booking, so a test counts only its own messages. */
  function attendee(options: { sms?: boolean } = {}) {
    attendeeCount += 1;
    return {
      name: "Ada Lovelace",
      email: `mover-${attendeeCount}-${Math.random().toString(36).slice(2, 8)}@example.com`,
      ...(options.sms ? { phone: "+4915112345678", smsOptIn: true } : {}),
    };
  }

  async function book(token: string, resourceId: string, start: string, who = attendee()): Promise<BookingOutput> {
    const response = await server.postJson("/api/v1/bookings", { resourceId, start, attendee: who }, bearer(token));
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as BookingOutput;
  }
  const reschedule = (token: string, id: string, start: string, headers: Record<string, string> = {}) =>
    server.postJson(`/api/v1/bookings/${id}/reschedule`, { start }, { ...bearer(token), ...headers });
  const later = (iso: string, hours: number) => new Date(new Date(iso).getTime() + hours * HOUR).toISOString();
  const seatRowsOf = (bookingId: string) =>
    server.database.db.select().from(bookingSeats).where(eq(bookingSeats.bookingId, bookingId));
  const messagesOf = (bookingId: string) =>
    server.database.db.select().from(notifications).where(eq(notifications.bookingId, bookingId));

  it("moves a free booking: same id, new time, the old seat bookable by someone else, the new one taken", async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const booking = await book(member, resource.id, slot.start);
    const target = later(slot.start, 2);

    const response = await reschedule(member, booking.id, target);
    expect(response.statusCode, response.body).toBe(200);
    const moved = response.json() as BookingOutput;
    expect(moved).toMatchObject({ id: booking.id, status: "confirmed", start: new Date(target).toISOString(), sequence: 1 });
    expect(moved.end).toBe(later(target, 1));
    expect(await seatRowsOf(booking.id)).toHaveLength(1);

    // The old slot is free again: another member books it. The new one is not.
    await book(other, resource.id, slot.start);
    const taken = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: target, attendee: attendee() },
      bearer(other),
    );
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe("SLOT_TAKEN");
  });

  it("answers 409 SLOT_TAKEN for a taken slot and changes nothing", async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const booking = await book(member, resource.id, slot.start);
    const target = later(slot.start, 1);
    await book(other, resource.id, target);

    const response = await reschedule(member, booking.id, target);
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().error.code).toBe("SLOT_TAKEN");
    const after = await getBookingAs(server, member, booking.id);
    expect(after).toMatchObject({ start: booking.start, end: booking.end, status: "confirmed", sequence: 0 });
    const seats = await seatRowsOf(booking.id);
    expect(seats).toHaveLength(1);
    // Its seat still holds its old time: nobody else can book it.
    const again = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee: attendee() },
      bearer(other),
    );
    expect(again.json().error?.code).toBe("SLOT_TAKEN");
    await settleNotifications(server);
    expect((await messagesOf(booking.id)).filter((message) => message.template === "booking-rescheduled")).toEqual([]);
  });

  it("refuses a start the resource does not offer, and the booking's own time", async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const booking = await book(member, resource.id, slot.start);
    const offStep = await reschedule(member, booking.id, later(slot.start, 0.25));
    expect(offStep.statusCode).toBe(400);
    expect(offStep.json().error.issues[0].path).toBe("start");
    const same = await reschedule(member, booking.id, booking.start);
    expect(same.statusCode).toBe(400);
  });

  it("lets the booker and an admin move it, and nobody else (404, as for a booking that does not exist)", async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const booking = await book(member, resource.id, slot.start);
    const byOther = await reschedule(other, booking.id, later(slot.start, 1));
    expect(byOther.statusCode).toBe(404);
    expect((await getBookingAs(server, member, booking.id)).start).toBe(booking.start);
    const byAdmin = await reschedule(admin, booking.id, later(slot.start, 1));
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    const unauthenticated = await server.postJson(`/api/v1/bookings/${booking.id}/reschedule`, { start: later(slot.start, 2) });
    expect(unauthenticated.statusCode).toBe(401);
  });

  it("refuses a booking that has started, and a cancelled one", async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const started = await book(member, resource.id, slot.start);
    await server.database.db
      .update(bookings)
      .set({ startAt: new Date(Date.now() - HOUR), endAt: new Date(Date.now() + 60_000) })
      .where(eq(bookings.id, started.id));
    const afterStart = await reschedule(member, started.id, later(slot.start, 1));
    expect(afterStart.statusCode).toBe(409);
    expect(afterStart.json().error.message).toMatch(/started/);

    const cancelled = await book(member, resource.id, later(slot.start, 2));
    expect((await server.postJson(`/api/v1/bookings/${cancelled.id}/cancel`, {}, bearer(member))).statusCode).toBe(200);
    const afterCancel = await reschedule(member, cancelled.id, later(slot.start, 3));
    expect(afterCancel.statusCode).toBe(409);
    expect(afterCancel.json().error.message).toMatch(/cancelled/);
  });

  it("keeps a paid booking's payment at the same price, and refuses a move when the price differs", async () => {
    const resource = await createTestResource(server, { price: { amount: 2500, currency: "EUR" } });
    const slot = await firstFreeSlot(server, resource.id, 3);
    const held = await book(member, resource.id, slot.start);
    const sessionId = /\/dev\/checkout\/(cs_local_[0-9a-f]+)$/.exec(held.checkoutUrl ?? "")?.[1];
    const paid = await trpcMutation(server, "payments.payLocalCheckout", { sessionId }, bearer(member));
    expect(paid.statusCode, paid.body).toBe(200);

    const response = await reschedule(member, held.id, later(slot.start, 1));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      id: held.id,
      status: "confirmed",
      price: { amount: 2500, currency: "EUR" },
      payment: { status: "paid", amount: 2500, currency: "EUR", refund: null },
    });

    // The price changes; the paid booking cannot move to a slot at the new price.
    const update = await server.app.inject({
      method: "PATCH",
      url: `/api/v1/resources/${resource.id}`,
      headers: { ...bearer(admin), "content-type": "application/json" },
      payload: JSON.stringify({ price: { amount: 3000, currency: "EUR" } }),
    });
    expect(update.statusCode, update.body).toBe(200);
    const refused = await reschedule(member, held.id, later(slot.start, 2));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("RESCHEDULE_PRICE_DIFFERS");
    expect((await getBookingAs(server, member, held.id)).start).toBe(later(slot.start, 1));
  });

  it("moves a hold awaiting payment with its checkout, at the same price", async () => {
    const resource = await createTestResource(server, { price: { amount: 1200, currency: "EUR" } });
    const slot = await firstFreeSlot(server, resource.id, 3);
    const held = await book(member, resource.id, slot.start);
    const response = await reschedule(member, held.id, later(slot.start, 1));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: "held",
      checkoutUrl: held.checkoutUrl,
      payment: { status: "awaiting_payment" },
    });
  });

  it("sends one moved email (and SMS when opted in), re-plans the reminders, and raises the calendar SEQUENCE under the same UID", async () => {
    const resource = await createTestResource(server, { reminderMinutesBefore: 60 });
    const slot = await firstFreeSlot(server, resource.id);
    const who = attendee({ sms: true });
    const booking = await book(member, resource.id, slot.start, who);
    const key = server.app.services.calendarLinks.sign(booking.id);
    const calendar = async () =>
      (await server.app.inject({ url: `/api/v1/bookings/${booking.id}/calendar.ics?key=${encodeURIComponent(key)}` })).body;
    const before = await calendar();
    expect(before).toContain("SEQUENCE:0\r\n");

    // One reminder is waiting for a retry: it was written for the old time, so it must not go out either.
    await settleNotifications(server);
    const [firstReminder] = (await messagesOf(booking.id)).filter((message) => message.template === "booking-reminder");
    if (!firstReminder) throw new Error("no reminder was planned");
    await server.database.db.update(notifications).set({ status: "retrying" }).where(eq(notifications.id, firstReminder.id));

    const target = later(slot.start, 3);
    const response = await reschedule(member, booking.id, target, { "Idempotency-Key": `move-${booking.id}` });
    expect(response.statusCode, response.body).toBe(200);
    // A retry with the same key answers the first response and moves nothing again.
    const retry = await reschedule(member, booking.id, target, { "Idempotency-Key": `move-${booking.id}` });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().sequence).toBe(1);
    await settleNotifications(server);

    const emails = server.app.services.localMailbox?.messages().filter((message) => message.to === who.email) ?? [];
    const movedEmails = emails.filter((message) => message.subject.startsWith("Moved:"));
    expect(movedEmails).toHaveLength(1);
    expect(movedEmails[0]?.text).toContain("Was:");
    expect(movedEmails[0]?.text).toContain("calendar.ics?key=");

    const messages = await messagesOf(booking.id);
    const moved = messages.filter((message) => message.template === "booking-rescheduled");
    expect(moved.map((message) => message.channel).sort()).toEqual(["email", "sms"]);
    const reminders = messages.filter((message) => message.template === "booking-reminder");
    const oldReminders = reminders.filter((message) => message.status === "skipped");
    const newReminders = reminders.filter((message) => message.status === "queued");
    expect(oldReminders).toHaveLength(2);
    expect(oldReminders.every((message) => message.lastError === "The booking was moved to another time")).toBe(true);
    expect(newReminders).toHaveLength(2);
    for (const reminder of newReminders) expect(reminder.sendAfter.toISOString()).toBe(later(target, -1));

    const after = await calendar();
    const uid = (ics: string) => /UID:([^\r\n]+)/.exec(ics)?.[1];
    expect(uid(after)).toBe(uid(before));
    expect(after).toContain("SEQUENCE:1\r\n");
    expect(after).toContain(`DTSTART:${target.replaceAll("-", "").replaceAll(":", "").replace(".000", "")}`);

    // Cancelling raises it again, so calendars mark the same event cancelled.
    expect((await server.postJson(`/api/v1/bookings/${booking.id}/cancel`, {}, bearer(member))).statusCode).toBe(200);
    expect(await calendar()).toContain("SEQUENCE:2\r\n");
  });

  it("moves through tRPC (bookings.reschedule) the same way, and keeps a booking's Idempotency-Key from replaying as a move", async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const booked = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee: attendee() },
      { ...bearer(member), "Idempotency-Key": "same-key-twice" },
    );
    expect(booked.statusCode, booked.body).toBe(201);
    const id = booked.json().id as string;
    const reused = await reschedule(member, id, later(slot.start, 1), { "Idempotency-Key": "same-key-twice" });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe("IDEMPOTENCY_KEY_REUSED");

    const moved = await trpcMutation(server, "bookings.reschedule", { id, start: later(slot.start, 1) }, bearer(member));
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().result.data).toMatchObject({ id, start: later(slot.start, 1), sequence: 1 });
    const taken = await book(other, resource.id, later(slot.start, 2));
    const refused = await trpcMutation(server, "bookings.reschedule", { id, start: taken.start }, bearer(member));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.data.code).toBe("SLOT_TAKEN");
  });

  it("lets exactly one of a reschedule and simultaneous bookings take the last seat of a slot, never two", async () => {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const target = later(slot.start, 1);
    const movers = await Promise.all([0, 2, 3].map((hours) => book(member, resource.id, later(slot.start, hours))));
    const attempts = await Promise.all([
      ...movers.map((mover) => reschedule(member, mover.id, target)),
      ...Array.from({ length: RACERS }, () =>
        server.postJson("/api/v1/bookings", { resourceId: resource.id, start: target, attendee: attendee() }, bearer(other)),
      ),
    ]);
    const won = attempts.filter((response) => response.statusCode === 200 || response.statusCode === 201);
    // The racers book as one account: once one of them has the seat, the rest are told it is theirs already.
    const lost = attempts.filter(
      (response) => response.statusCode === 409 && ["SLOT_TAKEN", "ALREADY_BOOKED"].includes(response.json().error.code),
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(attempts.length - 1);

    // One seat row over the target's range, and every mover that lost still holds its own old seat.
    const atTarget = await server.database.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.resourceId, resource.id), eq(bookings.startAt, new Date(target))));
    expect(atTarget.filter((row) => row.status === "confirmed")).toHaveLength(1);
    for (const mover of movers) {
      const row = await getBookingAs(server, member, mover.id);
      expect(await seatRowsOf(mover.id)).toHaveLength(1);
      if (row.start !== new Date(target).toISOString()) expect(row.start).toBe(mover.start);
    }
  });
});
