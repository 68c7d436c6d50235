// Issue 16: a separate worker process (`pnpm start:worker`) killed with SIGKILL while a webhook delivery is on
// the wire. The job's expiry brings the delivery back to the restarted worker, which sends it once more, with
// the same webhook-id, and records it delivered: the receiver saw it at most twice, one id. Needs PostgreSQL
// (the embedded database can be opened by one process only).
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateSigningKeyPem } from "@bookable/auth";
import { users, webhookDeliveries } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerAccount, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";
import {
  registerWebhookEndpoint,
  startWebhookReceiver,
  verifyIndependently,
  verifyWithLibrary,
  type WebhookReceiver,
} from "../test/webhook-helpers.js";

const serverPackage = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const postgres = testDatabaseTargets(inject("postgresAdminUrl")).find((target) => target.driver === "postgres");

// Short enough for a test: a lost job is noticed within seconds (its expiry is the timeout + 5 s).
const QUEUE_SETTINGS = {
  NOTIFICATION_JOB_TIMEOUT_SECONDS: "2",
  WEBHOOK_TIMEOUT_SECONDS: "1",
  QUEUE_SUPERVISE_SECONDS: "1",
  QUEUE_POLLING_SECONDS: "0.5",
};

describe.skipIf(!postgres)("a webhook worker killed mid-delivery", () => {
  let receiver: WebhookReceiver;
  let server: TestServer;
  const workers: ChildProcess[] = [];
  const output: string[] = [];

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    server = await buildTestServer(postgres ?? { driver: "postgres" }, {
      RUN_WORKERS: "false",
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
      ...QUEUE_SETTINGS,
    });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill("SIGKILL");
    await server?.close();
    await receiver?.close();
  });

  async function startWorker(): Promise<ChildProcess> {
    const connection = server.database.queueConnection;
    if (connection.driver !== "postgres") throw new Error("the worker needs PostgreSQL");
    const worker = spawn(process.execPath, ["--import", "tsx", "src/worker.ts"], {
      cwd: serverPackage,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "test",
        LOG_LEVEL: "info",
        DATABASE_URL: connection.url,
        // The same data folder: the same secret box key, which opens the endpoint's sealed secret.
        DATA_DIR: server.config.DATA_DIR,
        JWT_PRIVATE_KEY: await generateSigningKeyPem(),
        PUBLIC_URL: server.config.PUBLIC_URL,
        ...QUEUE_SETTINGS,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    worker.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    workers.push(worker);
    return worker;
  }

  async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 40_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) {
        const jobs = await server.database.db.execute(
          sql`select state, retry_count, expire_seconds, started_on, start_after, now() as now from pgboss.job where name = 'webhooks'`,
        );
        throw new Error(`timed out waiting until ${what}; jobs: ${JSON.stringify(jobs)}; the workers wrote:\n${output.join("")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("delivers once more after a restart, with the same webhook-id", async () => {
    const path = "/crash";
    // The first request arrives but is never answered: the worker is still waiting when it is killed.
    receiver.behave(path, ({ count }) => (count === 1 ? "stall" : 200));
    // The admin is made directly: the dev mailbox that would carry its verification link is the worker's.
    const adminAccount = await registerAccount(server, { email: "admin@example.com" });
    await server.database.db
      .update(users)
      .set({ role: "admin", emailVerifiedAt: new Date() })
      .where(eq(users.id, adminAccount.id));
    const admin = (await tokenPair(server, adminAccount)).accessToken;
    const member = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
    const endpoint = await registerWebhookEndpoint(server, { url: `${receiver.url}${path}`, eventTypes: ["booking.created"] });
    const created = await server.postJson(
      "/api/v1/resources",
      {
        name: "Crash room",
        timeZone: "Europe/Berlin",
        slotMinutes: 60,
        weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "08:00", end: "20:00" })),
        minNoticeMinutes: 0,
      },
      bearer(admin),
    );
    expect(created.statusCode, created.body).toBe(201);
    const resource = created.json() as { id: string };
    const booked = await server.postJson(
      "/api/v1/bookings",
      {
        resourceId: resource.id,
        start: (await firstFreeSlot(server, resource.id)).start,
        attendee: { name: "Ada", email: "ada@example.com" },
      },
      bearer(member),
    );
    expect(booked.statusCode, booked.body).toBe(201);

    const first = await startWorker();

    await until(() => receiver.to(path).length === 1, "the receiver got the first request");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const [interrupted] = await server.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(interrupted).toMatchObject({ status: "pending", attempts: 0 });

    const second = await startWorker();
    await until(async () => {
      const [row] = await server.database.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, endpoint.id));
      return row?.status === "delivered";
    }, "the restarted worker delivered it");
    // Nothing more comes: the delivered row stops any further run of the job.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const requests = receiver.to(path);
    expect(requests).toHaveLength(2);
    expect(new Set(requests.map((request) => request.headers["webhook-id"]))).toEqual(new Set([interrupted?.id]));
    for (const request of requests) {
      expect(verifyIndependently(endpoint.secret, request)).toBe(true);
      expect(() => verifyWithLibrary(endpoint.secret, request)).not.toThrow();
    }

    second.kill("SIGTERM");
    expect(await new Promise((resolve) => second.once("exit", resolve))).toBe(0);
  });
});
