// Admission control (issue 12, "no collapse"): a lagging event loop sheds requests with 503 + Retry-After in
// the error shape while the probes still answer; a request that waits too long for a database connection is
// a 503, not a 500; and a request whose client has gone is not worked on.
import { connect } from "node:net";
import { users } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { freePort } from "@bookable/testing/free-port";
import { eq, sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const targets = testDatabaseTargets(inject("postgresAdminUrl"));
const postgres = targets.find((target) => target.driver === "postgres");

/** Keeps the event loop busy: every turn runs `milliseconds` of synchronous work (what a CPU-bound burst does). */
function hogEventLoop(milliseconds: number): () => void {
  const timer = setInterval(() => {
    const until = performance.now() + milliseconds;
    while (performance.now() < until) {
      // Busy on purpose.
    }
  }, 1);
  return () => clearInterval(timer);
}

async function shedCount(server: TestServer, reason: string): Promise<number> {
  const exposition = await server.app.metrics.render();
  const line = exposition.split("\n").find((text) => text.startsWith(`bookable_requests_shed_total{reason="${reason}"}`));
  return Number(line?.split(" ").at(-1) ?? Number.NaN);
}

describe.each(targets)("admission control ($driver)", (target) => {
  let server: TestServer | undefined;
  let stopHog: (() => void) | undefined;
  afterEach(async () => {
    stopHog?.();
    stopHog = undefined;
    await server?.close();
    server = undefined;
  });

  it("sheds with 503 and Retry-After in the error shape while the event loop lags, and the probes still answer", async () => {
    server = await buildTestServer(target, { SHED_EVENT_LOOP_DELAY_MS: "20", SHED_RETRY_AFTER_SECONDS: "3", LOG_LEVEL: "debug" });
    const app = server.app;
    await app.ready();
    // Starting up (migrations) lags the loop too; begin from a calm one.
    await vi.waitFor(() => expect(app.isUnderPressure()).toBe(false), { timeout: 5_000, interval: 50 });
    expect((await app.inject({ url: "/api/v1/resources" })).statusCode).toBe(200);

    stopHog = hogEventLoop(80);
    const shed = await vi.waitFor(
      async () => {
        const response = await app.inject({ url: "/api/v1/resources" });
        expect(response.statusCode).toBe(503);
        return response;
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(shed.headers["retry-after"]).toBe("3");
    expect(shed.json()).toEqual({
      error: { code: "SERVICE_UNAVAILABLE", message: expect.any(String), errorId: expect.stringMatching(/^err_/) },
    });
    // Answered at once, without the work: the server's own time for it is a few milliseconds.
    const completed = server.logs.find((line) => line.msg === "request completed" && line.reqId === shed.headers["x-request-id"]);
    expect(completed?.responseTime).toBeLessThan(50);
    // Logged at debug with the error id the client got, not as a server fault (a line per refused request
    // at a higher level would cost what shedding saves); the warning is the summary, on close at the latest.
    const logged = server.logs.find((line) => line.errorId === shed.json().error.errorId);
    expect(logged).toMatchObject({ level: 20, code: "SERVICE_UNAVAILABLE" });

    const [trpcBatch, healthz, readyz, metrics] = await Promise.all([
      app.inject({ url: `/trpc/resources.list,auth.me?batch=1&input=${encodeURIComponent("{}")}` }),
      app.inject({ url: "/healthz" }),
      app.inject({ url: "/readyz" }),
      app.inject({ url: "/metrics" }),
    ]);
    // tRPC clients get tRPC's error shape (a numeric JSON-RPC code, ours in data), one per batched call.
    expect(trpcBatch.statusCode).toBe(503);
    expect(trpcBatch.headers["retry-after"]).toBe("3");
    expect(trpcBatch.json()).toEqual(
      ["resources.list", "auth.me"].map((path) => ({
        error: {
          message: expect.any(String),
          code: expect.any(Number),
          data: {
            code: "SERVICE_UNAVAILABLE",
            httpStatus: 503,
            errorId: expect.stringMatching(/^err_/),
            retryAfterSeconds: 3,
            path,
          },
        },
      })),
    );
    expect(healthz.statusCode).toBe(200);
    expect(readyz.statusCode).toBe(200);
    expect(metrics.statusCode).toBe(200);
    expect(app.isUnderPressure()).toBe(true);
    expect(await shedCount(server, "event_loop_delay")).toBeGreaterThanOrEqual(2);

    stopHog();
    stopHog = undefined;
    // Once the loop is calm again, requests are served.
    await vi.waitFor(async () => expect((await app.inject({ url: "/api/v1/resources" })).statusCode).toBe(200), {
      timeout: 5_000,
      interval: 100,
    });
    const shedTotal = await shedCount(server, "event_loop_delay");
    const logs = server.logs;
    await server.close();
    server = undefined;
    const summaries = logs.filter((line) => line.level === 40 && String(line.msg).startsWith("shed "));
    expect(summaries.reduce((sum, line) => sum + ((line.shed as { event_loop_delay?: number }).event_loop_delay ?? 0), 0)).toBe(
      shedTotal,
    );
  });

  it("does not shed with SHED_EVENT_LOOP_DELAY_MS=0", async () => {
    server = await buildTestServer(target, { SHED_EVENT_LOOP_DELAY_MS: "0" });
    stopHog = hogEventLoop(80);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await server.app.inject({ url: "/api/v1/resources" })).statusCode).toBe(200);
  });

  it("does no work for a request whose client disconnected while it waited", async () => {
    server = await buildTestServer(target);
    const app = server.app;
    // The request waits after its body arrived (as behind a slow rate-limit store or a busy loop) until released.
    let arrived: (request: FastifyRequest) => void = () => {};
    const arrival = new Promise<FastifyRequest>((resolve) => {
      arrived = resolve;
    });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.addHook("preValidation", async (request) => {
      if (request.headers["x-test-gate"] === undefined) return;
      arrived(request);
      await gate;
    });
    const port = await freePort();
    await app.listen({ host: "127.0.0.1", port });

    const body = JSON.stringify({ username: "gone_client", email: "gone@example.com", password: "long enough password" });
    const client = connect(port, "127.0.0.1");
    client.on("error", () => {});
    client.write(
      `POST /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Test-Gate: 1\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    const request = await arrival;
    client.destroy();
    await vi.waitFor(() => expect(request.raw.socket.destroyed).toBe(true), { timeout: 5_000, interval: 10 });
    release();

    await vi.waitFor(async () => expect(await shedCount(server as TestServer, "client_disconnected")).toBe(1), {
      timeout: 5_000,
      interval: 20,
    });
    // Give a handler that would (wrongly) run the time to write the account.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const created = await server.database.db.select().from(users).where(eq(users.username, "gone_client"));
    expect(created).toEqual([]);
    // The same registration from a client that stays is served.
    expect((await server.postJson("/api/v1/users", JSON.parse(body))).statusCode).toBe(201);
  });
});

describe.each(targets)("admission share ($driver)", (target) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("works on at most ADMISSION_MAX_IN_FLIGHT API requests and refuses the rest within milliseconds, probes untouched", async () => {
    server = await buildTestServer(target, {
      ADMISSION_MAX_IN_FLIGHT: "1",
      ADMISSION_MAX_QUEUE_MS: "40",
      SHED_RETRY_AFTER_SECONDS: "2",
    });
    const app = server.app;
    // The first request holds the one turn until released (as a slow database call would).
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.addHook("preHandler", async (request) => {
      if (request.headers["x-test-hold"] !== undefined) await held;
    });
    const slow = app.inject({ url: "/api/v1/resources", headers: { "x-test-hold": "1" } });
    await vi.waitFor(() => expect(server?.app.metrics).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 20));

    const started = performance.now();
    const [waitedOut, refused, healthz, metrics] = await Promise.all([
      app.inject({ url: "/api/v1/resources" }),
      app.inject({ url: `/trpc/resources.list?input=${encodeURIComponent("{}")}` }),
      app.inject({ url: "/healthz" }),
      app.inject({ url: "/metrics" }),
    ]);
    // One waited for a turn until its 40 ms were up, the other was refused on arrival: neither took long.
    expect(performance.now() - started).toBeLessThan(500);
    expect(waitedOut.statusCode).toBe(503);
    expect(waitedOut.headers["retry-after"]).toBe("2");
    expect(waitedOut.json()).toEqual({
      error: { code: "SERVICE_UNAVAILABLE", message: expect.any(String), errorId: expect.stringMatching(/^err_/) },
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, retryAfterSeconds: 2 });
    expect(healthz.statusCode).toBe(200);
    expect(metrics.statusCode).toBe(200);
    expect(await shedCount(server, "admission")).toBe(2);

    release();
    expect((await slow).statusCode).toBe(200);
    // The turn came back: the next requests are served, one after another.
    expect((await app.inject({ url: "/api/v1/resources" })).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/v1/resources" })).statusCode).toBe(200);
  });

  it("lets every request through with ADMISSION_MAX_IN_FLIGHT=0", async () => {
    server = await buildTestServer(target, { ADMISSION_MAX_IN_FLIGHT: "0" });
    const answers = await Promise.all(Array.from({ length: 30 }, () => server?.app.inject({ url: "/api/v1/resources" })));
    expect(answers.map((answer) => answer?.statusCode)).toEqual(Array(30).fill(200));
  });
});

describe.runIf(postgres)("pool acquire timeout (postgres)", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it("answers 503 SERVICE_UNAVAILABLE with Retry-After, not 500, when no connection frees up in time", async () => {
    if (!postgres) return;
    server = await buildTestServer(postgres, { SHED_RETRY_AFTER_SECONDS: "4" }, { max: 1, acquireTimeoutMs: 300 });
    const app = server.app;
    expect((await app.inject({ url: "/api/v1/resources" })).statusCode).toBe(200);

    // The pool's one connection is busy for two seconds (a Drizzle query runs once `then` is called).
    const busy = server.database.db.execute(sql`select pg_sleep(2)`).then(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.database.poolStats?.()).toMatchObject({ total: 1, idle: 0 });
    const started = performance.now();
    const [rest, trpc] = await Promise.all([
      app.inject({ url: "/api/v1/resources" }),
      app.inject({ url: `/trpc/resources.list?input=${encodeURIComponent("{}")}` }),
    ]);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(rest.statusCode).toBe(503);
    expect(rest.headers["retry-after"]).toBe("4");
    expect(rest.json()).toEqual({
      error: { code: "SERVICE_UNAVAILABLE", message: expect.any(String), errorId: expect.stringMatching(/^err_/) },
    });
    expect(trpc.statusCode).toBe(503);
    expect(trpc.headers["retry-after"]).toBe("4");
    expect(trpc.json().error.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503 });
    // Not a logged server fault: a debug line (LOG_LEVEL info here, so none) and the summary.
    expect(server.logs.find((line) => line.errorId === rest.json().error.errorId)).toBeUndefined();
    expect(server.logs.filter((line) => (line.level as number) >= 50 && line.code === "INTERNAL")).toEqual([]);

    await busy;
    expect(await shedCount(server, "database_pool")).toBe(2);
    expect((await app.inject({ url: "/api/v1/resources" })).statusCode).toBe(200);
  });
});
