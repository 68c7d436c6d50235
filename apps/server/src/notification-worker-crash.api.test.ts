// A separate worker process (`pnpm start:worker`) killed with SIGKILL in the middle of a delivery: after a
// restart the message is delivered, and Resend received it once (the same idempotency key both times).
// Needs PostgreSQL: the embedded database can be opened by one process only.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateSigningKeyPem } from "@bookable/auth";
import { notifications } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { type FakeResendServer, startFakeResendServer } from "@bookable/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerAccount } from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const serverPackage = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const postgres = testDatabaseTargets(inject("postgresAdminUrl")).find((target) => target.driver === "postgres");

// Queue timings short enough for a test: a lost job is noticed within seconds.
const QUEUE_SETTINGS = {
  NOTIFICATION_JOB_TIMEOUT_SECONDS: "2",
  NOTIFICATION_RETRY_DELAY_SECONDS: "1",
  QUEUE_SUPERVISE_SECONDS: "1",
  QUEUE_POLLING_SECONDS: "0.5",
};

describe.skipIf(!postgres)("a worker killed mid-delivery", () => {
  let resend: FakeResendServer;
  let proxy: Server;
  let proxyUrl: string;
  let server: TestServer;
  let holdNextEmail = true;
  const held: ServerResponse[] = [];
  const workers: ChildProcess[] = [];
  /** The workers' output, shown when a wait times out. */
  const output: string[] = [];

  beforeAll(async () => {
    resend = await startFakeResendServer();
    // Stands between the worker and Resend: the first email reaches Resend, but its answer never comes back,
    // so the worker is still waiting when it is killed.
    proxy = createServer((request, response) => void forward(request, response));
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    server = await buildTestServer(postgres ?? { driver: "postgres" }, {
      RUN_WORKERS: "false",
      RESEND_API_KEY: "re_test_key",
      EMAIL_FROM: "bookings@bookable.test",
      RESEND_API_BASE: proxyUrl,
      ...QUEUE_SETTINGS,
    });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill("SIGKILL");
    for (const response of held) response.destroy();
    await server?.close();
    await new Promise((resolve) => proxy?.close(resolve));
    await resend?.close();
  });

  async function forward(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const name of ["authorization", "content-type", "idempotency-key", "user-agent"]) {
      const value = request.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const upstream = await fetch(`${resend.url}${request.url}`, {
      method: request.method ?? "GET",
      headers,
      ...(request.method === "GET" ? {} : { body: Buffer.concat(chunks) }),
    });
    const body = await upstream.text();
    if (holdNextEmail && request.method === "POST" && request.url?.startsWith("/emails")) {
      holdNextEmail = false;
      held.push(response);
      return;
    }
    response.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    response.end(body);
  }

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
        DATA_DIR: server.config.DATA_DIR,
        JWT_PRIVATE_KEY: await generateSigningKeyPem(),
        PUBLIC_URL: server.config.PUBLIC_URL,
        RESEND_API_KEY: "re_test_key",
        EMAIL_FROM: "bookings@bookable.test",
        RESEND_API_BASE: proxyUrl,
        ...QUEUE_SETTINGS,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    worker.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    workers.push(worker);
    return worker;
  }

  async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) {
        const jobs = await server.database.db.execute(
          sql`select state, retry_count, retry_limit, expire_seconds, started_on, start_after, now() as now from pgboss.job where name = 'notifications'`,
        );
        throw new Error(`timed out waiting until ${what}; jobs: ${JSON.stringify(jobs)}; the workers wrote:\n${output.join("")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("delivers the message after a restart, and the provider receives it once", async () => {
    const account = await registerAccount(server);
    const [message] = await server.database.db.select().from(notifications).where(eq(notifications.recipient, account.email));
    expect(message?.status).toBe("queued");

    const first = await startWorker();
    await until(() => resend.sentEmails().length === 1, "Resend received the email");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const [interrupted] = await server.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, message?.id ?? ""));
    expect(interrupted).toMatchObject({ status: "sending", attempts: 1 });

    const second = await startWorker();
    await until(async () => {
      const [row] = await server.database.db
        .select()
        .from(notifications)
        .where(eq(notifications.id, message?.id ?? ""));
      return row?.status === "sent";
    }, "the restarted worker delivered it");

    expect(resend.sentEmails()).toHaveLength(1);
    const attempts = resend.requestsTo("POST", "/emails");
    expect(attempts).toHaveLength(2);
    expect(new Set(attempts.map((request) => request.idempotencyKey)).size).toBe(1);
    expect(attempts[1]?.idempotentReplayed).toBe(true);
    resend.assertAllRequestsValid();

    // SIGTERM stops a worker cleanly.
    second.kill("SIGTERM");
    const code = await new Promise((resolve) => second.once("exit", resolve));
    expect(code).toBe(0);
  });
});
