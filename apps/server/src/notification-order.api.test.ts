// A booking's messages in the order that tells the attendee the truth: never "Confirmed" after "Cancelled".
// CI caught the race this file pins down: a confirmation and a cancellation fetched by two of the worker's loops
// went out in the wrong order. The worker is stopped here so each step runs when the test says. PGlite and
// PostgreSQL.
import {
  CANCELLED_BEFORE_CONFIRMATION,
  CONFIRMATION_NOT_YET_SENT,
  deliverNotification,
  deliverNotificationBatch,
  NOTIFICATION_QUEUE,
  ONE_MESSAGE_PER_CONVERSATION_AT_A_TIME,
} from "@bookable/core";
import { notifications } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, settleNotifications, tokenPair } from "../test/account-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("a booking's messages in order on $driver", (target) => {
  let server: TestServer;
  let member: { accessToken: string };
  let dayOffset = 2;

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000" });
    member = await tokenPair(server, await registerVerifiedAccount(server));
    await adminToken(server);
    await settleNotifications(server);
    // From here on nothing is delivered unless a test delivers it.
    await server.app.services.jobs.offWork(NOTIFICATION_QUEUE, { wait: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A booking made and cancelled at once, before any of its messages went out. */
  async function bookAndCancel() {
    const resource = await createTestResource(server, { reminderMinutesBefore: 60 });
    dayOffset += 1;
    const slot = await firstFreeSlot(server, resource.id, dayOffset);
    const email = `grace-${dayOffset}-${target.driver}@example.com`;
    const booked = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee: { name: "Grace Hopper", email, timeZone: "Europe/Berlin" } },
      bearer(member.accessToken),
    );
    expect(booked.statusCode, booked.body).toBe(201);
    const bookingId = (booked.json() as { id: string }).id;
    const cancelled = await server.postJson(`/api/v1/bookings/${bookingId}/cancel`, {}, bearer(member.accessToken));
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const messages = await server.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.bookingId, bookingId))
      .orderBy(asc(notifications.createdAt));
    const byTemplate = (template: string) => messages.find((message) => message.template === template)?.id ?? "";
    return { bookingId, email, confirmation: byTemplate("booking-confirmed"), cancellation: byTemplate("booking-cancelled") };
  }

  it("hands a worker one message of a booking at a time, so a cancellation cannot overtake its confirmation in flight", async () => {
    const { bookingId } = await bookAndCancel();
    const jobs = server.app.services.jobs;
    const fetchDue = () =>
      jobs.fetch<{ notificationId: string }>(NOTIFICATION_QUEUE, { batchSize: 100, ...ONE_MESSAGE_PER_CONVERSATION_AT_A_TIME });
    const ofBooking = async (fetched: { data: { notificationId: string } }[]) => {
      const ids = new Set(fetched.map((job) => job.data.notificationId));
      const rows = await server.database.db.select().from(notifications).where(eq(notifications.bookingId, bookingId));
      return rows.filter((row) => ids.has(row.id));
    };

    // Both the confirmation and the cancellation are due; a fetch of up to 100 takes one of them.
    const first = await fetchDue();
    expect(await ofBooking(first)).toHaveLength(1);
    // While that one is in a worker's hands, no other worker gets the booking's other message.
    expect(await ofBooking(await fetchDue())).toHaveLength(0);
    await jobs.complete(
      NOTIFICATION_QUEUE,
      first.map((job) => job.id),
    );
    const next = await fetchDue();
    expect(await ofBooking(next)).toHaveLength(1);
    await jobs.complete(
      NOTIFICATION_QUEUE,
      next.map((job) => job.id),
    );
  });

  it("skips a confirmation that comes to be sent after its booking was cancelled, and sends the cancellation", async () => {
    const { email, confirmation, cancellation } = await bookAndCancel();
    const delivery = server.app.services.delivery;

    // The cancellation first (a confirmation that failed once waits for its retry; the cancellation does not).
    expect((await deliverNotificationBatch(delivery, [cancellation])).get(cancellation)).toBe("sent");
    expect((await deliverNotificationBatch(delivery, [confirmation])).get(confirmation)).toBe("skipped");

    const [skipped] = await server.database.db.select().from(notifications).where(eq(notifications.id, confirmation));
    expect(skipped).toMatchObject({ status: "skipped", lastError: CANCELLED_BEFORE_CONFIRMATION });
    const subjects = (server.app.services.localMailbox?.messages() ?? [])
      .filter((message) => message.to === email)
      .map((message) => message.subject);
    expect(subjects).toEqual([expect.stringMatching(/^Cancelled/)]);
  });

  /** A free booking with a reminder an hour before, none of its messages sent; the ids of its two emails. */
  async function bookWithReminder() {
    const resource = await createTestResource(server, { reminderMinutesBefore: 60 });
    dayOffset += 1;
    const slot = await firstFreeSlot(server, resource.id, dayOffset);
    const email = `ada-${dayOffset}-${target.driver}@example.com`;
    const booked = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee: { name: "Ada", email } },
      bearer(member.accessToken),
    );
    expect(booked.statusCode, booked.body).toBe(201);
    const bookingId = (booked.json() as { id: string }).id;
    const rows = await server.database.db.select().from(notifications).where(eq(notifications.bookingId, bookingId));
    const id = (template: string) => rows.find((row) => row.template === template)?.id ?? "";
    // A clock at which the reminder is due (half an hour before the start).
    const reminderTime = new Date(Date.parse(slot.start) - 30 * 60_000);
    return { email, confirmation: id("booking-confirmed"), reminder: id("booking-reminder"), reminderTime };
  }

  it.each(["alone", "in a batch"])(
    "skips a reminder that comes due before its booking's confirmation went out (%s)",
    async (how) => {
      const { confirmation, reminder, reminderTime } = await bookWithReminder();
      const delivery = server.app.services.delivery;
      // The confirmation failed once and waits for its retry when the reminder's time comes.
      await server.database.db.update(notifications).set({ status: "retrying" }).where(eq(notifications.id, confirmation));
      const outcome =
        how === "alone"
          ? await deliverNotification(delivery, reminder, reminderTime)
          : (await deliverNotificationBatch(delivery, [reminder], reminderTime)).get(reminder);
      expect(outcome).toBe("skipped");
      const [skipped] = await server.database.db.select().from(notifications).where(eq(notifications.id, reminder));
      expect(skipped).toMatchObject({ status: "skipped", lastError: CONFIRMATION_NOT_YET_SENT });
    },
  );

  it("sends the reminder at its time once the confirmation went out", async () => {
    const { email, confirmation, reminder, reminderTime } = await bookWithReminder();
    const delivery = server.app.services.delivery;
    expect(await deliverNotification(delivery, confirmation)).toBe("sent");
    expect(await deliverNotification(delivery, reminder, reminderTime)).toBe("sent");
    const subjects = (server.app.services.localMailbox?.messages() ?? [])
      .filter((message) => message.to === email)
      .map((message) => message.subject)
      .reverse();
    expect(subjects).toEqual([expect.stringMatching(/^Confirmed/), expect.stringMatching(/^Reminder/)]);
  });
});
