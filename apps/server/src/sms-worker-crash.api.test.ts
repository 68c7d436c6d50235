// No SMS twice (issue 13): a separate worker process killed with SIGKILL after Twilio accepted a text message
// but before its answer came back. Twilio takes no idempotency key, so the restarted worker must find out
// from Twilio itself: by a status callback that already named the message, or by Twilio's list of recent
// messages to the number. Either way Twilio ends up with one message, and the log with its sid.
// Needs PostgreSQL: the embedded database can be opened by one process only.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateSigningKeyPem } from "@bookable/auth";
import { type NotificationRow, notifications } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import {
  type FakeResendServer,
  type FakeTwilioServer,
  signedTwilioCallback,
  startFakeResendServer,
  startFakeTwilioServer,
} from "@bookable/testing";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const serverPackage = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const postgres = testDatabaseTargets(inject("postgresAdminUrl")).find((target) => target.driver === "postgres");

const PUBLIC_URL = "https://bookable.test";
const PHONE = "+4915112345678";
const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${"2".repeat(32)}`,
  TWILIO_AUTH_TOKEN: "twilio-crash-token",
  TWILIO_FROM: "+15005550006",
};
// Queue timings short enough for a test: a lost job is noticed within seconds.
const QUEUE_SETTINGS = {
  NOTIFICATION_JOB_TIMEOUT_SECONDS: "2",
  NOTIFICATION_RETRY_DELAY_SECONDS: "1",
  QUEUE_SUPERVISE_SECONDS: "1",
  QUEUE_POLLING_SECONDS: "0.5",
};

describe.skipIf(!postgres)("a worker killed after Twilio accepted an SMS", () => {
  let twilio: FakeTwilioServer;
  let resend: FakeResendServer;
  let proxy: Server;
  let proxyUrl: string;
  let server: TestServer;
  let member: { accessToken: string };
  let holdNextSms = true;
  let dayOffset = 2;
  const held: ServerResponse[] = [];
  const workers: ChildProcess[] = [];
  /** The workers' output, shown when a wait times out. */
  const output: string[] = [];

  beforeAll(async () => {
    twilio = await startFakeTwilioServer();
    resend = await startFakeResendServer();
    // Stands between the worker and Twilio: the held SMS reaches Twilio, but its answer never comes back, so
    // the worker is still waiting when it is killed.
    proxy = createServer((request, response) => void forward(request, response));
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    server = await buildTestServer(postgres ?? { driver: "postgres" }, {
      RUN_WORKERS: "false",
      ...providerSettings(),
      ...QUEUE_SETTINGS,
    });
    member = await tokenPair(server, await registerVerifiedAccount(server));
  });
  afterEach(async () => {
    for (const worker of workers) worker.kill("SIGKILL");
    await Promise.all(
      workers.map((worker) =>
        worker.exitCode === null && worker.signalCode === null ? new Promise((resolve) => worker.once("exit", resolve)) : null,
      ),
    );
    workers.length = 0;
    twilio.assertAllRequestsValid();
  });
  afterAll(async () => {
    for (const response of held) response.destroy();
    await server?.close();
    await new Promise((resolve) => proxy?.close(resolve));
    await twilio?.close();
    await resend?.close();
  });

  function providerSettings() {
    return {
      PUBLIC_URL,
      ...TWILIO,
      TWILIO_API_BASE: proxyUrl,
      RESEND_API_KEY: "re_test_key",
      EMAIL_FROM: "bookings@bookable.test",
      RESEND_API_BASE: resend.url,
    };
  }

  async function forward(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const name of ["authorization", "content-type", "accept", "user-agent"]) {
      const value = request.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const upstream = await fetch(`${twilio.url}${request.url}`, {
      method: request.method ?? "GET",
      headers,
      ...(request.method === "GET" ? {} : { body: Buffer.concat(chunks) }),
    });
    const body = await upstream.text();
    if (holdNextSms && request.method === "POST" && request.url?.endsWith("/Messages.json")) {
      holdNextSms = false;
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
        ...providerSettings(),
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
          sql`select state, retry_count, started_on, start_after, now() as now from pgboss.job where name = 'notifications'`,
        );
        throw new Error(`timed out waiting until ${what}; jobs: ${JSON.stringify(jobs)}; the workers wrote:\n${output.join("")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Books with SMS opted in; answers the booking's confirmation SMS row. */
  async function bookWithSms(): Promise<NotificationRow> {
    const resource = await createTestResource(server);
    dayOffset += 1;
    const slot = await firstFreeSlot(server, resource.id, dayOffset);
    const attendee = { name: "Ada Lovelace", email: `ada-${dayOffset}@example.com`, phone: PHONE, smsOptIn: true };
    const response = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee },
      bearer(member.accessToken),
    );
    expect(response.statusCode, response.body).toBe(201);
    const booking = response.json() as { id: string };
    return smsOf(booking.id);
  }
  async function smsOf(bookingId: string): Promise<NotificationRow> {
    const [row] = await server.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.bookingId, bookingId),
          eq(notifications.channel, "sms"),
          eq(notifications.template, "booking-confirmed"),
        ),
      );
    if (!row) throw new Error("no confirmation SMS");
    return row;
  }
  const reload = async (row: NotificationRow) => smsOf(row.bookingId ?? "");

  /** Starts a worker, waits until Twilio has the SMS (its answer held back), and kills the worker. */
  async function crashAfterTwilioAccepted(message: NotificationRow) {
    holdNextSms = true;
    const sentBefore = twilio.sentMessages().length;
    const first = await startWorker();
    await until(() => twilio.sentMessages().length === sentBefore + 1, "Twilio accepted the SMS");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const interrupted = await reload(message);
    expect(interrupted).toMatchObject({ status: "sending", attempts: 1, providerMessageId: null });
    expect(interrupted.providerAttemptToken).toEqual(expect.any(String));
    return interrupted;
  }

  it("reconciles by Twilio's list of recent messages to the number and does not send again", async () => {
    const message = await bookWithSms();
    const interrupted = await crashAfterTwilioAccepted(message);
    const [accepted] = twilio
      .sentMessages()
      .filter((sms) => sms.to === PHONE)
      .slice(-1);

    await startWorker();
    await until(async () => (await reload(message)).status === "sent", "the restarted worker reconciled the SMS");

    expect(twilio.sentMessages().filter((sms) => sms.body === accepted?.body)).toHaveLength(1);
    expect(await reload(message)).toMatchObject({ status: "sent", attempts: 2, providerMessageId: accepted?.sid });
    const lists = twilio.requestsTo("GET", `/2010-04-01/Accounts/${TWILIO.TWILIO_ACCOUNT_SID}/Messages.json`);
    expect(lists.map((request) => request.query)).toContainEqual(expect.objectContaining({ To: PHONE }));
    // The attempt's token is the one Twilio was given in the StatusCallback URL.
    const creates = twilio.requestsTo("POST", `/2010-04-01/Accounts/${TWILIO.TWILIO_ACCOUNT_SID}/Messages.json`);
    expect(String((creates.at(-1)?.body as Record<string, unknown> | undefined)?.StatusCallback)).toContain(
      `attempt=${interrupted.providerAttemptToken}`,
    );
  });

  it("reconciles by a status callback that arrived while no worker was running", async () => {
    const message = await bookWithSms();
    const interrupted = await crashAfterTwilioAccepted(message);
    const accepted = twilio.sentMessages().at(-1);
    const listsBefore = twilio.requestsTo("GET", "/2010-04-01/Accounts/").length;

    // Twilio reports `sent` to the StatusCallback URL of the interrupted attempt.
    const callbackUrl = `${PUBLIC_URL}/webhooks/twilio/status?notification=${message.id}&attempt=${interrupted.providerAttemptToken}`;
    const params = { MessageSid: accepted?.sid ?? "", MessageStatus: "sent", AccountSid: TWILIO.TWILIO_ACCOUNT_SID, To: PHONE };
    const callback = signedTwilioCallback(TWILIO.TWILIO_AUTH_TOKEN, callbackUrl, params);
    const answer = await server.app.inject({
      method: "POST",
      url: callbackUrl.slice(PUBLIC_URL.length),
      payload: callback.body,
      headers: callback.headers,
    });
    expect(answer.json()).toEqual({ received: true, outcome: "applied" });

    await startWorker();
    await until(async () => (await reload(message)).status === "sent", "the restarted worker reconciled the SMS");

    expect(twilio.sentMessages().filter((sms) => sms.body === accepted?.body)).toHaveLength(1);
    expect(await reload(message)).toMatchObject({ providerMessageId: accepted?.sid });
    expect(twilio.requestsTo("GET", "/2010-04-01/Accounts/")).toHaveLength(listsBefore);
  });
});
