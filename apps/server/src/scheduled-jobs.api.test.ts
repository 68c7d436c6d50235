// Scheduled work runs in the worker, never in a process that only serves requests (issue 14): a server with
// RUN_WORKERS=false leaves an overdue hold to the worker, which releases it, and the worker's retention prune
// deletes what is past retention and logs its counts. PGlite (the worker shares the server's database) and
// PostgreSQL.
import { PAYMENTS_SWEEP_QUEUE, RETENTION_PRUNE_CRON, RETENTION_PRUNE_QUEUE } from "@bookable/core";
import { bookings, paymentEvents, users } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerAccount, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { bookAs, makeHoldOverdue } from "../test/payment-helpers.js";
import { firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DAY = 24 * 3600_000;

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(100);
  }
  return condition();
}

/**
 * A priced resource, made by an admin written directly: without a worker no verification email is delivered
 * (createTestResource's admin reads one from the dev mailbox).
 */
async function createPricedResource(server: TestServer): Promise<{ id: string }> {
  const admin = await registerAccount(server, { email: "admin@example.com" });
  await server.database.db.update(users).set({ role: "admin", emailVerifiedAt: new Date() }).where(eq(users.id, admin.id));
  const { accessToken } = await tokenPair(server, admin);
  const weeklyHours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "08:00", end: "20:00" }));
  const response = await server.postJson(
    "/api/v1/resources",
    {
      name: "Paid room",
      timeZone: "Europe/Berlin",
      slotMinutes: 60,
      weeklyHours,
      minNoticeMinutes: 0,
      price: { amount: 2500, currency: "EUR" },
    },
    bearer(accessToken),
  );
  if (response.statusCode !== 201) throw new Error(`resource not created: ${response.body}`);
  return response.json();
}

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("scheduled jobs on $driver", (target) => {
  let web: TestServer;
  let worker: TestServer | undefined;

  beforeAll(async () => {
    web = await buildTestServer(target, {
      RUN_WORKERS: "false",
      PAYMENTS_SWEEP_SECONDS: "1",
      RETENTION_DAYS_PAYMENT_EVENTS: "30",
    });
  });
  afterAll(async () => {
    await worker?.close();
    await web?.close();
  });

  it("leaves an overdue hold to the worker: a web process does not sweep, the worker does", async () => {
    const booker = await tokenPair(web, await registerVerifiedAccount(web));
    const resource = await createPricedResource(web);
    const slot = await firstFreeSlot(web, resource.id);
    const booked = await bookAs(web, booker.accessToken, { resourceId: resource.id, start: slot.start });
    expect(booked.statusCode, booked.body).toBe(201);
    const bookingId: string = booked.json().id;
    await makeHoldOverdue(web, bookingId);
    const status = async () =>
      (await web.database.db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, bookingId)))[0]?.status;

    // Three sweep intervals pass with only the web process: nothing is swept, nothing scheduled.
    await sleep(3_000);
    expect(await status()).toBe("held");
    expect(await web.app.services.jobs.getSchedules(RETENTION_PRUNE_QUEUE)).toEqual([]);
    expect(await web.app.services.jobs.getQueue(PAYMENTS_SWEEP_QUEUE)).toBeNull();

    // A worker process on the same database (the embedded one is shared in-process, as `pnpm start` does).
    worker = await buildTestServer(
      target,
      { PAYMENTS_SWEEP_SECONDS: "1", RETENTION_DAYS_PAYMENT_EVENTS: "30" },
      {},
      target.driver === "postgres" ? { sameDatabaseAs: web } : { sharedDatabase: web.database },
    );
    expect(await waitFor(async () => (await status()) === "expired")).toBe(true);
    expect(worker.logs.some((line) => line.msg === "released expired holds")).toBe(true);
    expect(web.logs.some((line) => line.msg === "released expired holds")).toBe(false);
    const schedules = await worker.app.services.jobs.getSchedules(RETENTION_PRUNE_QUEUE);
    expect(schedules.map((schedule) => schedule.cron)).toEqual([RETENTION_PRUNE_CRON]);
  });

  it("prunes past-retention rows in the worker's retention job and logs the counts", async () => {
    if (!worker) throw new Error("the worker starts in the test before");
    const received = (days: number) => new Date(Date.now() - days * DAY);
    await web.database.db.insert(paymentEvents).values([
      { id: "evt_scheduled_old", type: "checkout.session.completed", receivedAt: received(31) },
      { id: "evt_scheduled_new", type: "checkout.session.completed", receivedAt: received(29) },
    ]);
    // As the hourly cron occurrence does.
    await worker.app.services.jobs.send(RETENTION_PRUNE_QUEUE, {});
    const pruned = () => worker?.logs.find((line) => line.msg === "pruned rows past their retention");
    expect(await waitFor(() => pruned() !== undefined)).toBe(true);
    expect(pruned()).toMatchObject({ deleted: { paymentEvents: 1 }, retentionDays: { paymentEvents: 30 } });
    const kept = await web.database.db.select({ id: paymentEvents.id }).from(paymentEvents);
    expect(kept.map((row) => row.id)).toEqual(["evt_scheduled_new"]);
  });
});
