// Issue 13: the notification worker keeps up. A confirmation overtakes thousands of due reminders, the queue's
// depth and oldest due message show in /metrics and the admin's backlog while /readyz stays ready, a job
// sent wakes the workers at once, a batch's failures stay with their own messages, and two worker processes
// share the queue without sending anything twice. PGlite and PostgreSQL (the two-process test: PostgreSQL).
import {
  deliverNotificationBatch,
  enqueueNotifications,
  NOTIFICATION_QUEUE,
  type NotificationRequest,
  startNotificationWorker,
} from "@bookable/core";
import { notifications } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import {
  type BatchSendResult,
  DeliveryError,
  type EmailMessage,
  type EmailSender,
  LocalEmailSender,
} from "@bookable/integrations";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, settleNotifications, tokenPair } from "../test/account-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const targets = testDatabaseTargets(inject("postgresAdminUrl"));
const REMINDERS = 5_000;
// Every instance and worker shares the key that seals one-time links (as NOTIFICATION_SECRET_KEY requires).
const SHARED_KEY = "a-notification-key-both-processes-share-0123456789";

function bookingDetails(bookingId: string) {
  return {
    attendeeName: "Ada Lovelace",
    resourceName: "Room",
    start: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    end: new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString(),
    resourceTimeZone: "Europe/Berlin",
    attendeeTimeZone: null,
    seats: 1,
    bookingUrl: `https://bookable.test/bookings/${bookingId}`,
  };
}

function verification(recipient: string): NotificationRequest {
  return {
    channel: "email",
    template: "verify-email",
    recipient,
    data: { username: "ada", link: "https://bookable.test/verify?token=t" },
  };
}

/** Enqueues messages in a transaction of their own, as a committed change does; returns their ids. */
async function enqueue(server: TestServer, requests: NotificationRequest[]): Promise<string[]> {
  let ids: string[] = [];
  await server.database.db.transaction(async (transaction) => {
    ids = await enqueueNotifications(transaction, server.app.services.outbox, requests);
  });
  return ids;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(targets)("notification throughput on $driver", (target) => {
  let server: TestServer;
  let admin: string;
  let bookingId: string;

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000", LOG_LEVEL: "warn" });
    admin = await adminToken(server);
    const member = await tokenPair(server, await registerVerifiedAccount(server));
    const resource = await createTestResource(server, { reminderMinutesBefore: 60 });
    const slot = await firstFreeSlot(server, resource.id, 3);
    const response = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee: { name: "Ada", email: "ada@example.com" } },
      bearer(member.accessToken),
    );
    expect(response.statusCode, response.body).toBe(201);
    bookingId = (response.json() as { id: string }).id;
    await settleNotifications(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  const statusOf = async (id: string) =>
    (await server.database.db.select().from(notifications).where(eq(notifications.id, id)))[0];

  it(`delivers a confirmation enqueued behind ${REMINDERS} due reminders first, and stays ready meanwhile`, {
    timeout: 120_000,
  }, async () => {
    // The workers pause, so the backlog builds up as under a burst.
    await server.app.services.jobs.offWork(NOTIFICATION_QUEUE, { wait: true });
    const reminders: NotificationRequest[] = Array.from({ length: REMINDERS }, (_, index) => ({
      channel: "email",
      template: "booking-reminder",
      recipient: `reminded-${index}@example.com`,
      bookingId,
      data: { booking: bookingDetails(bookingId) },
    }));
    await enqueue(server, reminders);
    const [confirmationId] = await enqueue(server, [
      {
        channel: "email",
        template: "booking-confirmed",
        recipient: "confirmed@example.com",
        bookingId,
        data: { booking: bookingDetails(bookingId), paid: null },
      },
    ]);

    // Busy is not unready: a load balancer keeps sending traffic to an instance with a backlog.
    const ready = await server.app.inject({ url: "/readyz" });
    expect(ready.statusCode, ready.body).toBe(200);
    // The backlog shows in /metrics and in the admin's delivery log.
    const metrics = (await server.app.inject({ url: "/metrics" })).body;
    expect(metrics).toContain(`bookable_notification_queue_due{priority="bulk"} ${REMINDERS}`);
    expect(metrics).toContain('bookable_notification_queue_due{priority="urgent"} 1');
    expect(Number(metrics.match(/^bookable_notification_queue_oldest_due_seconds (\S+)$/m)?.[1])).toBeGreaterThan(0);
    const backlog = await server.app.inject({ url: "/api/v1/admin/notifications/backlog", headers: bearer(admin) });
    expect(backlog.statusCode, backlog.body).toBe(200);
    expect(backlog.json()).toMatchObject({
      due: { urgent: 1, normal: 0, bulk: REMINDERS },
      oldestDue: { notification: { template: "booking-reminder", status: "queued" }, waitingSeconds: expect.any(Number) },
    });

    // The provider sees the messages in the order they go out; the test watches that, not the database
    // (on PGlite a poll of the log would queue behind the workers' statements on its one connection).
    const order: string[] = [];
    let resolve = () => {};
    const confirmationSent = new Promise<void>((done) => {
      resolve = done;
    });
    const local = server.app.services.delivery.email;
    const watched: EmailSender = {
      kind: local.kind,
      send: (message) => local.send(message),
      async sendBatch(messages) {
        const results = await local.sendBatch(messages);
        for (const message of messages) {
          order.push(message.template);
          if (message.to === "confirmed@example.com") resolve();
        }
        return results;
      },
    };
    const workers = await startNotificationWorker(
      server.app.services.jobs,
      { ...server.app.services.delivery, email: watched },
      { pollingIntervalSeconds: 0.5, concurrency: 4, batchSize: 25 },
    );
    try {
      await confirmationSent;
      // Without priorities it would come after all 5,000; with them at most the first round of batches the
      // other loops fetched at the same moment (4 × 25) can go out before it.
      expect(order.indexOf("booking-confirmed")).toBeLessThanOrEqual(100);
    } finally {
      for (const id of workers) await server.app.services.jobs.offWork(NOTIFICATION_QUEUE, { id, wait: true });
      // The rest of the backlog is not this test's business.
      await server.database.db
        .update(notifications)
        .set({ status: "skipped" })
        .where(and(inArray(notifications.status, ["queued", "retrying"]), eq(notifications.template, "booking-reminder")));
      await server.app.services.jobs.deleteAllJobs(NOTIFICATION_QUEUE);
    }
    expect((await statusOf(confirmationId ?? ""))?.status).toBe("sent");
  });

  it("keeps a batch's failures on their own messages: the others are sent, a refused one dead, a busy provider retried", async () => {
    const mailbox = new LocalEmailSender();
    const email: EmailSender = {
      kind: "local",
      send: (message) => mailbox.send(message),
      async sendBatch(messages: EmailMessage[]): Promise<BatchSendResult[]> {
        return Promise.all(
          messages.map(async (message): Promise<BatchSendResult> => {
            if (message.to.startsWith("refused"))
              return { ok: false, error: new DeliveryError("bad address", { retriable: false, status: 422 }) };
            if (message.to.startsWith("busy"))
              return { ok: false, error: new DeliveryError("slow down", { retriable: true, status: 429 }) };
            return { ok: true, id: (await mailbox.send(message)).id };
          }),
        );
      },
    };
    const ids = await enqueue(server, [
      verification("fine@example.com"),
      verification("refused@example.com"),
      verification("busy@example.com"),
      verification("also-fine@example.com"),
    ]);
    await server.app.services.jobs.deleteAllJobs(NOTIFICATION_QUEUE);

    const outcomes = await deliverNotificationBatch({ ...server.app.services.delivery, email }, ids);

    expect(ids.map((id) => outcomes.get(id))).toEqual(["sent", "dead", "retry", "sent"]);
    expect((await Promise.all(ids.map(statusOf))).map((row) => row?.status)).toEqual(["sent", "dead", "retrying", "sent"]);
    expect(
      mailbox
        .messages()
        .map((message) => message.to)
        .sort(),
    ).toEqual(["also-fine@example.com", "fine@example.com"]);
    // Delivered again, nothing finished is sent twice: only the one waiting for its retry goes.
    const again = await deliverNotificationBatch({ ...server.app.services.delivery, email: mailbox }, ids);
    expect(ids.map((id) => again.get(id))).toEqual(["already_done", "already_done", "sent", "already_done"]);
    expect(mailbox.messages()).toHaveLength(3);
    const metrics = (await server.app.inject({ url: "/metrics" })).body;
    expect(metrics).toMatch(/^bookable_notification_provider_errors_total\{channel="email",code="429"\} 1$/m);
    expect(metrics).toMatch(/^bookable_notification_delivery_seconds_count\{priority="urgent",channel="email"\} [1-9]/m);
  });
});

describe.each(targets)("waking the notification worker on $driver", (target) => {
  let server: TestServer;

  beforeAll(async () => {
    // A poll every 30 s: only the NOTIFY sent with the job can explain a delivery within a second or two.
    server = await buildTestServer(target, { QUEUE_POLLING_SECONDS: "30", LOG_LEVEL: "warn" });
    // The workers' first fetch at start has happened; from now on they sleep.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  });
  afterAll(async () => {
    await server?.close();
  });

  it("delivers a message within moments of its transaction committing, not at the next poll", async () => {
    const enqueuedAt = Date.now();
    const [id] = await enqueue(server, [verification("woken@example.com")]);
    await waitFor(
      async () =>
        (
          await server.database.db
            .select()
            .from(notifications)
            .where(eq(notifications.id, id ?? ""))
        )[0]?.status === "sent",
      5_000,
      "the message was sent",
    );
    expect(Date.now() - enqueuedAt).toBeLessThan(5_000);
  });
});

describe.each(targets.filter((candidate) => candidate.driver === "postgres"))("two worker processes on $driver", (target) => {
  let first: TestServer;
  let second: TestServer;
  const sent: { key: string | undefined; by: string }[] = [];
  const recordingSender = (by: string): EmailSender => {
    const sender: EmailSender = {
      kind: "local",
      async send(message) {
        sent.push({ key: message.idempotencyKey, by });
        return { id: `${by}-${sent.length}` };
      },
      sendBatch: async (messages) => {
        const results: BatchSendResult[] = [];
        for (const message of messages) results.push({ ok: true, id: (await sender.send(message)).id });
        return results;
      },
    };
    return sender;
  };

  beforeAll(async () => {
    first = await buildTestServer(
      target,
      { LOG_LEVEL: "warn", NOTIFY_BATCH_SIZE: "10", NOTIFICATION_SECRET_KEY: SHARED_KEY },
      {},
      { services: { email: recordingSender("first") } },
    );
    second = await buildTestServer(
      target,
      { LOG_LEVEL: "warn", NOTIFY_BATCH_SIZE: "10", NOTIFICATION_SECRET_KEY: SHARED_KEY },
      {},
      { sameDatabaseAs: first, services: { email: recordingSender("second") } },
    );
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it("shares the queue: every message sent once, by one of them", async () => {
    const messages = Array.from({ length: 600 }, (_, index) => verification(`shared-${index}@example.com`));
    const ids = await enqueue(first, messages);
    await settleNotifications(first, 50_000);

    const keys = sent.map((entry) => entry.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(ids.map((id) => `bookable-notification-${id}`).sort());
    // Both took part.
    expect(sent.filter((entry) => entry.by === "first").length).toBeGreaterThan(0);
    expect(sent.filter((entry) => entry.by === "second").length).toBeGreaterThan(0);
  });
});
