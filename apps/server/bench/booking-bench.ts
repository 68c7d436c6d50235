// `pnpm bench`: a load benchmark of the production build. It measures and reports; it is not a test and
// fails on no threshold. It only ever sends load to 127.0.0.1, and stops by itself (about 1.5 minutes).
//
//   1. creates a fresh database bookable_bench_<random> on BENCH_DATABASE_URL (a PostgreSQL on this machine,
//      default postgres://postgres@127.0.0.1:5432/test) and drops it at the end, also on failure;
//   2. starts the production bundle (apps/server/dist/main.js; run `pnpm build` first) on a free port;
//   3. sets up an admin, a 24/7 resource and member tokens over HTTP;
//   4. baseline: a bare Fastify server in this process, GET /;
//   5. availability reads: GET /api/v1/resources/{id}/availability over one-month windows;
//   6. booking writes: POST /api/v1/bookings over thousands of distinct future slots; after each server
//      scenario it waits up to 20 s for the server to work off requests whose clients gave up, and restarts
//      the server before the next scenario if it is still busy;
//   7. prints a table and writes apps/server/bench/results/latest.json;
//   8. stops the server (SIGTERM, SIGKILL after 10 s) and drops the database.
//
// The load generator (autocannon) runs in this process, on the same CPUs as the server and PostgreSQL,
// so the numbers are a lower bound of what the server does on a machine of its own.
//
// This is a developer tool outside the server, so it reads its one setting (BENCH_DATABASE_URL) itself;
// the server it starts gets an explicit environment and reads it through config.ts as always.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateSigningKeyPem } from "@bookable/auth";
import autocannon from "autocannon";
import Fastify from "fastify";
import pg from "pg";
import { z } from "zod";

const HOST = "127.0.0.1";
const CONNECTIONS = 1000;
const BASELINE_SECONDS = 10;
const SCENARIO_SECONDS = 15;
/** autocannon's own per-request timeout: a response slower than this counts as a timeout, not a latency. */
const REQUEST_TIMEOUT_SECONDS = 10;
const MEMBER_COUNT = 20;
/** Distinct 15-minute slots the booking scenario rotates over (about 208 days, inside the 365-day horizon). */
const BOOKING_SLOTS = 20_000;
const AVAILABILITY_WINDOWS = 4;
const P99_GOAL_MS = 200;
/** How long to wait after a scenario for the server to work off requests whose clients gave up. */
const IDLE_LIMIT_MS = 20_000;
/** The whole run is bounded: past this, the bench gives up, cleans up and exits with an error. */
const WATCHDOG_MS = 5 * 60_000;
const SETUP_REQUEST_TIMEOUT_MS = 30_000;
const ADMIN_EMAIL = "bench-admin@example.com";
const PASSWORD = "bench password, not a secret";
const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

const serverDir = fileURLToPath(new URL("..", import.meta.url));
const serverBundle = path.join(serverDir, "dist", "main.js");
const resultsFile = fileURLToPath(new URL("./results/latest.json", import.meta.url));
/** BENCH_CPU_PROFILE=1 writes a V8 CPU profile of each server process to results/profiles (open it in Chrome DevTools). */
const profileDir = fileURLToPath(new URL("./results/profiles", import.meta.url));
const profileFlags = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];

interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

interface ScenarioResult {
  scenario: string;
  target: string;
  connections: number;
  durationSeconds: number;
  responses: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  statusCounts: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
  p99UnderGoal: boolean;
  /** CPU seconds per wall second: 1.0 is one core busy. */
  cpu: { server: number | null; benchProcess: number };
  database: { maxActiveConnections: number; meanActiveConnections: number; maxConnections: number } | null;
  autocannonLatencyMs: { p50: number; p97_5: number; p99: number; max: number };
  /** How long the server stayed busy after the load stopped (null: longer than the limit), and whether it was restarted. */
  afterLoad: { busySeconds: number | null; restarted: boolean } | null;
}

// ---------------------------------------------------------------------------------------------------
// Clean-up that also runs on failure, Ctrl-C and the watchdog.

/** A failure whose message says it all (no stack trace needed). */
class BenchError extends Error {}

const cleanups: { name: string; run: () => Promise<void> }[] = [];
let cleaningUp: Promise<void> | null = null;

function onCleanup(name: string, run: () => Promise<void>) {
  cleanups.push({ name, run });
}

function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`Clean-up step "${step.name}" failed:`, error);
      }
    }
  })();
  return cleaningUp;
}

// ---------------------------------------------------------------------------------------------------
// The bench database.

function isLoopback(hostname: string): boolean {
  return ["127.0.0.1", "localhost", "::1", "[::1]"].includes(hostname);
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function createBenchDatabase(adminUrl: string): Promise<{ name: string; url: string }> {
  const name = `bookable_bench_${randomBytes(6).toString("hex")}`;
  try {
    await withClient(adminUrl, (client) => client.query(`create database ${name}`));
  } catch (error) {
    const shown = new URL(adminUrl);
    if (shown.password) shown.password = "***";
    throw new BenchError(
      `Could not create a database on ${shown.href}: ${error instanceof Error ? error.message : String(error)}. ` +
        "Set BENCH_DATABASE_URL to a local PostgreSQL whose role may create databases.",
    );
  }
  onCleanup("drop the bench database", async () => {
    await withClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    console.log(`Dropped database ${name}.`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.href };
}

// ---------------------------------------------------------------------------------------------------
// The server under test.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("No free port"))));
    });
  });
}

/** The server's log lines: the last few kept for failures, warnings and errors counted by message. */
class ServerLog {
  readonly tail: string[] = [];
  readonly problems = new Map<string, number>();
  /** The first few error lines in full (pino JSON, with the error and its stack). */
  readonly firstErrors: string[] = [];
  private partial = "";

  write(chunk: Buffer) {
    const lines = (this.partial + chunk.toString("utf8")).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      this.tail.push(line);
      if (this.tail.length > 40) this.tail.shift();
      const parsed = z.object({ level: z.number(), msg: z.string().optional() }).safeParse(safeJson(line));
      const key = parsed.success ? `level ${parsed.data.level}: ${parsed.data.msg ?? "(no message)"}` : line.slice(0, 160);
      if (!parsed.success || parsed.data.level >= 40) this.problems.set(key, (this.problems.get(key) ?? 0) + 1);
      if ((!parsed.success || parsed.data.level >= 50) && this.firstErrors.length < 3) this.firstErrors.push(line.slice(0, 4000));
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The production bundle as a child process; restarted between scenarios when it cannot catch up. */
class ServerUnderTest {
  private child: ChildProcess | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly env: Record<string, string>,
    private readonly log: ServerLog,
  ) {
    onCleanup("stop the server", () => this.stop());
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [...profileFlags, serverBundle], {
      cwd: serverDir,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    child.stdout?.on("data", (chunk: Buffer) => this.log.write(chunk));
    child.stderr?.on("data", (chunk: Buffer) => this.log.write(chunk));
    await waitForReady(this.baseUrl, child, this.log);
    console.log(`Server (pid ${child.pid}) ready at ${this.baseUrl}.`);
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    if (await exited(child, 10_000)) {
      console.log("Server stopped (SIGTERM).");
      return;
    }
    console.error("Server did not stop within 10 s of SIGTERM; sending SIGKILL.");
    child.kill("SIGKILL");
    await exited(child, 5_000);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

function exited(child: ChildProcess, withinMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), withinMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForReady(baseUrl: string, child: ChildProcess, log: ServerLog): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited during start (${child.exitCode ?? child.signalCode}):\n${log.tail.join("\n")}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`The server was not ready within 30 s:\n${log.tail.join("\n")}`);
}

/**
 * Seconds until the server answers /healthz quickly (under 50 ms, three times in a row), or null if it
 * does not within `limitMs`. After a client gives up on a request the server still works it off, so an
 * overloaded server stays busy after the load stops; the next scenario must not start on that backlog.
 */
async function secondsUntilIdle(baseUrl: string, limitMs: number): Promise<number | null> {
  const started = performance.now();
  let quick = 0;
  while (performance.now() - started < limitMs) {
    const sent = performance.now();
    try {
      const response = await fetch(`${baseUrl}/healthz`, {
        signal: AbortSignal.timeout(Math.max(100, limitMs - (sent - started))),
      });
      await response.arrayBuffer();
      quick = response.ok && performance.now() - sent < 50 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    if (quick >= 3) return (performance.now() - started) / 1000;
    await sleep(100);
  }
  return null;
}

/** CPU seconds used so far by a process, from /proc (Linux); null elsewhere. */
function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return null;
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks / 100 : null; // USER_HZ is 100 on Linux.
}

// ---------------------------------------------------------------------------------------------------
// Setting up over HTTP.

async function call<T>(
  baseUrl: string,
  request: { method: "GET" | "POST"; path: string; body?: unknown; token?: string },
  expectStatus: number,
  schema: z.ZodType<T>,
): Promise<T> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: {
      ...(request.body === undefined ? {} : { "content-type": "application/json" }),
      ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    signal: AbortSignal.timeout(SETUP_REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status !== expectStatus) {
    throw new Error(`${request.method} ${request.path} answered ${response.status}, not ${expectStatus}: ${text.slice(0, 500)}`);
  }
  return schema.parse(safeJson(text));
}

const tokenPair = z.object({ accessToken: z.string() });
const created = z.object({ id: z.string() });
const availability = z.object({ slots: z.array(z.object({ start: z.string() })) });

async function registerAndSignIn(baseUrl: string, username: string, email: string): Promise<string> {
  await call(baseUrl, { method: "POST", path: "/api/v1/users", body: { username, email, password: PASSWORD } }, 201, z.unknown());
  const pair = await call(
    baseUrl,
    { method: "POST", path: "/api/v1/auth/token", body: { email, password: PASSWORD } },
    200,
    tokenPair,
  );
  return pair.accessToken;
}

/** Runs `task` for each index with at most `limit` at a time. */
async function inBatches<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += limit) {
    const batch = Array.from({ length: Math.min(limit, count - start) }, (_, offset) => task(start + offset));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------
// Running load.

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

interface LoadOptions {
  scenario: string;
  target: string;
  url: string;
  durationSeconds: number;
  requests?: autocannon.Request[];
  server?: ServerUnderTest | undefined;
  database?: { adminUrl: string; name: string } | undefined;
}

async function runLoad(options: LoadOptions): Promise<ScenarioResult> {
  console.log(`Running "${options.scenario}": ${CONNECTIONS} connections for ${options.durationSeconds} s…`);
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};

  // Sample PostgreSQL's view of the bench database once a second: how many of the pool's connections work.
  const activeSamples: number[] = [];
  let maxConnections = 0;
  let sampler: NodeJS.Timeout | undefined;
  let samplerClient: pg.Client | undefined;
  if (options.database) {
    const database = options.database;
    samplerClient = new pg.Client({ connectionString: database.adminUrl, connectionTimeoutMillis: 5_000 });
    await samplerClient.connect();
    const client = samplerClient;
    sampler = setInterval(() => {
      client
        .query<{ active: string; total: string }>(
          "select count(*) filter (where state = 'active') as active, count(*) as total from pg_stat_activity where datname = $1",
          [database.name],
        )
        .then(({ rows }) => {
          activeSamples.push(Number(rows[0]?.active ?? 0));
          maxConnections = Math.max(maxConnections, Number(rows[0]?.total ?? 0));
        })
        .catch(() => {});
    }, 1_000);
  }

  const serverCpuBefore = processCpuSeconds(options.server?.pid);
  const benchCpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  let result: autocannon.Result;
  try {
    result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: options.url,
          connections: CONNECTIONS,
          duration: options.durationSeconds,
          timeout: REQUEST_TIMEOUT_SECONDS,
          ...(options.requests ? { requests: options.requests } : {}),
        },
        (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
      );
      instance.on("response", (_client, statusCode, _bytes, responseTime) => {
        latencies.push(responseTime);
        statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
      });
    });
  } finally {
    if (sampler) clearInterval(sampler);
    await samplerClient?.end().catch(() => {});
  }
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const serverCpuAfter = processCpuSeconds(options.server?.pid);

  const sorted = Float64Array.from(latencies).sort();
  const latencyMs: LatencySummary = {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN,
    mean: sorted.length ? latencies.reduce((sum, value) => sum + value, 0) / sorted.length : Number.NaN,
  };
  return {
    scenario: options.scenario,
    target: options.target,
    connections: CONNECTIONS,
    durationSeconds: options.durationSeconds,
    responses: latencies.length,
    requestsPerSecond: result.requests.average,
    latencyMs,
    statusCounts,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p99UnderGoal: latencies.length > 0 && latencyMs.p99 < P99_GOAL_MS && result.errors === 0,
    cpu: {
      server: serverCpuBefore !== null && serverCpuAfter !== null ? (serverCpuAfter - serverCpuBefore) / wallSeconds : null,
      benchProcess: (benchCpu.user + benchCpu.system) / 1e6 / wallSeconds,
    },
    database: options.database
      ? {
          maxActiveConnections: Math.max(0, ...activeSamples),
          meanActiveConnections: activeSamples.length ? activeSamples.reduce((a, b) => a + b, 0) / activeSamples.length : 0,
          maxConnections,
        }
      : null,
    autocannonLatencyMs: {
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    afterLoad: null,
  };
}

/** After a scenario against the server: wait for it to work off its backlog, or restart it if a scenario follows. */
async function settle(server: ServerUnderTest, result: ScenarioResult, another: boolean): Promise<void> {
  const busySeconds = await secondsUntilIdle(server.baseUrl, IDLE_LIMIT_MS);
  result.afterLoad = { busySeconds, restarted: false };
  if (busySeconds !== null) {
    console.log(`  server idle again ${fixed(busySeconds, 1)} s after the load stopped`);
    return;
  }
  console.log(
    `  server still busy ${IDLE_LIMIT_MS / 1000} s after the load stopped${another ? "; restarting it for the next scenario" : ""}`,
  );
  if (another) {
    await server.restart();
    result.afterLoad.restarted = true;
  }
}

async function runBaseline(): Promise<ScenarioResult> {
  const app = Fastify({ logger: false });
  app.get("/", async () => ({ hello: "world" }));
  await app.listen({ host: HOST, port: 0 });
  try {
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    return await runLoad({
      scenario: "baseline: bare Fastify (in bench process)",
      target: "GET /",
      url: `http://${HOST}:${port}/`,
      durationSeconds: BASELINE_SECONDS,
    });
  } finally {
    await app.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// Reporting.

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

function printTable(results: ScenarioResult[]) {
  const header = ["scenario", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "non-2xx", "errors", "timeouts"];
  const rows = results.map((result) => [
    result.scenario,
    fixed(result.requestsPerSecond, 1),
    fixed(result.latencyMs.p50),
    fixed(result.latencyMs.p95),
    fixed(result.latencyMs.p99),
    fixed(result.latencyMs.max),
    String(result.non2xx),
    String(result.errors),
    String(result.timeouts),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join("  ");
  console.log("");
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of rows) console.log(line(row));
  console.log("");
  for (const result of results) {
    const statuses = Object.entries(result.statusCounts)
      .map(([status, count]) => `${status}: ${count}`)
      .join(", ");
    const cpu = `CPU: server ${result.cpu.server === null ? "n/a" : fixed(result.cpu.server, 2)} cores, bench process ${fixed(result.cpu.benchProcess, 2)} cores`;
    const database = result.database
      ? `; PostgreSQL connections active max ${result.database.maxActiveConnections} (mean ${fixed(result.database.meanActiveConnections, 1)}) of ${result.database.maxConnections} open`
      : "";
    const after = result.afterLoad
      ? `; busy ${result.afterLoad.busySeconds === null ? `over ${IDLE_LIMIT_MS / 1000}` : fixed(result.afterLoad.busySeconds, 1)} s after the load${result.afterLoad.restarted ? ", then restarted" : ""}`
      : "";
    console.log(`${result.scenario}: ${result.responses} responses (${statuses || "none"}); ${cpu}${database}${after}`);
  }
  console.log("");
  for (const result of results) {
    const verdict = result.p99UnderGoal ? "yes" : "NO";
    const why = result.errors > 0 ? ` (${result.errors} errors/timeouts not in the latencies)` : "";
    console.log(`p99 < ${P99_GOAL_MS} ms for ${result.scenario}: ${verdict} (p99 ${fixed(result.latencyMs.p99)} ms)${why}`);
  }
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(serverBundle)) {
    throw new BenchError(`No production build at ${path.relative(process.cwd(), serverBundle)}. Run \`pnpm build\` first.`);
  }
  const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL;
  const adminHost = new URL(adminUrl).hostname;
  if (!isLoopback(adminHost)) {
    throw new BenchError(`BENCH_DATABASE_URL must point at this machine (127.0.0.1), not ${adminHost}.`);
  }

  const started = performance.now();
  const loadAtStart = os.loadavg().map((load) => Number(load.toFixed(2)));
  console.log(
    `${os.cpus().length} CPUs, load average ${loadAtStart.join(" ")} at start (other work on the machine skews the numbers).`,
  );
  const database = await createBenchDatabase(adminUrl);
  console.log(`Created database ${database.name}.`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bookable-bench-"));
  onCleanup("remove the data folder", async () => rmSync(dataDir, { recursive: true, force: true }));

  const port = await freePort();
  const baseUrl = `http://${HOST}:${port}`;
  const log = new ServerLog();
  // An explicit environment, so a developer's own DATABASE_URL, REDIS_URL or OAuth settings cannot leak in.
  // The same port and key on a restart keep the access tokens valid (their issuer is http://localhost:PORT).
  const server = new ServerUnderTest(
    baseUrl,
    {
      NODE_ENV: "production",
      HOST,
      PORT: String(port),
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: "20",
      LOG_LEVEL: "warn",
      AUTH_RATE_LIMIT_PER_MINUTE: "1000000",
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      // The bench measures throughput: 20 members make thousands of bookings, far past a person's hourly limit.
      BOOKINGS_PER_HOUR: "100000",
      ADMIN_EMAILS: ADMIN_EMAIL,
      JWT_PRIVATE_KEY: await generateSigningKeyPem(),
      DATA_DIR: dataDir,
    },
    log,
  );
  await server.start();

  // The admin. Becoming admin needs a verified email, and in production the dev mailbox is closed, so no
  // verification link can be read: the bench verifies and promotes the account in its own database directly.
  await call(
    baseUrl,
    { method: "POST", path: "/api/v1/users", body: { username: "bench_admin", email: ADMIN_EMAIL, password: PASSWORD } },
    201,
    z.unknown(),
  );
  await withClient(database.url, (client) =>
    client.query("update users set email_verified_at = now(), role = 'admin' where email = $1", [ADMIN_EMAIL]),
  );
  const adminToken = (
    await call(
      baseUrl,
      { method: "POST", path: "/api/v1/auth/token", body: { email: ADMIN_EMAIL, password: PASSWORD } },
      200,
      tokenPair,
    )
  ).accessToken;

  const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));
  const resource = await call(
    baseUrl,
    {
      method: "POST",
      path: "/api/v1/resources",
      token: adminToken,
      body: {
        name: "Bench room",
        slug: "bench-room",
        timeZone: "UTC",
        slotMinutes: 15,
        weeklyHours: allWeek,
        capacity: 1000,
        minNoticeMinutes: 0,
        horizonDays: 365,
      },
    },
    201,
    created,
  );

  const memberTokens = await inBatches(MEMBER_COUNT, 4, (index) =>
    registerAndSignIn(baseUrl, `bench_member_${index}`, `bench-member-${index}@example.com`),
  );
  // Booking needs a confirmed email; there is no mailbox in production, so the bench confirms them directly.
  await withClient(database.url, (client) =>
    client.query("update users set email_verified_at = now() where email like 'bench-member-%@example.com'"),
  );
  console.log(
    `Set up: admin, resource ${resource.id} (24/7, 15-minute slots, 1000 seats), ${memberTokens.length} member tokens.`,
  );

  // Windows and slots start tomorrow (UTC midnight), well clear of "now".
  const tomorrow = new Date();
  tomorrow.setUTCHours(24, 0, 0, 0);
  const day = 24 * 3600_000;
  const windows = Array.from({ length: AVAILABILITY_WINDOWS }, (_, index) => {
    const from = new Date(tomorrow.getTime() + index * 7 * day);
    const to = new Date(from.getTime() + 30 * day);
    return `/api/v1/resources/${resource.id}/availability?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString() })}`;
  });
  const sample = await call(baseUrl, { method: "GET", path: windows[0] ?? "" }, 200, availability);
  console.log(`One availability window (30 days) answers ${sample.slots.length} slots.`);

  const slots = Array.from({ length: BOOKING_SLOTS }, (_, index) =>
    new Date(tomorrow.getTime() + index * 15 * 60_000).toISOString(),
  );
  const bookingBody = (slotIndex: number, memberIndex: number) =>
    JSON.stringify({
      resourceId: resource.id,
      start: slots[slotIndex % slots.length],
      attendee: { name: `Bench Member ${memberIndex}`, email: `bench-member-${memberIndex}@example.com` },
    });
  // One booking before the load, so a setup mistake shows as an error here and not as 15 s of 400s.
  await call(
    baseUrl,
    {
      method: "POST",
      path: "/api/v1/bookings",
      token: memberTokens[0] ?? "",
      body: safeJson(bookingBody(BOOKING_SLOTS - 1, 0)),
    },
    201,
    z.unknown(),
  );

  const results: ScenarioResult[] = [];
  results.push(await runBaseline());
  const reads = await runLoad({
    scenario: "availability reads",
    target: `GET /api/v1/resources/{id}/availability (30-day windows, ${AVAILABILITY_WINDOWS} rotating)`,
    url: baseUrl,
    durationSeconds: SCENARIO_SECONDS,
    requests: windows.map((windowPath) => ({ method: "GET", path: windowPath })),
    server,
    database: { adminUrl, name: database.name },
  });
  results.push(reads);
  await settle(server, reads, true);
  let counter = 0;
  const writes = await runLoad({
    scenario: "booking writes",
    target: `POST /api/v1/bookings (${MEMBER_COUNT} members, ${BOOKING_SLOTS} rotating slots)`,
    url: baseUrl,
    durationSeconds: SCENARIO_SECONDS,
    requests: [
      {
        method: "POST",
        path: "/api/v1/bookings",
        setupRequest: (request) => {
          const index = counter++;
          const member = index % memberTokens.length;
          return {
            ...request,
            headers: { "content-type": "application/json", authorization: `Bearer ${memberTokens[member] ?? ""}` },
            body: bookingBody(index, member),
          };
        },
      },
    ],
    server,
    database: { adminUrl, name: database.name },
  });
  results.push(writes);
  await settle(server, writes, false);

  printTable(results);
  const bookingStatuses = results[2]?.statusCounts ?? {};
  const otherStatuses = Object.entries(bookingStatuses).filter(([status]) => status !== "201" && status !== "409");
  console.log(
    `Bookings: ${bookingStatuses["201"] ?? 0} created (201), ${bookingStatuses["409"] ?? 0} slot taken (409), ` +
      `${otherStatuses.reduce((sum, [, count]) => sum + count, 0)} other${otherStatuses.length ? ` (${otherStatuses.map(([s, c]) => `${s}: ${c}`).join(", ")})` : ""}.`,
  );
  if (log.problems.size > 0) {
    console.log("Server warnings and errors during the run:");
    for (const [message, count] of [...log.problems].sort((a, b) => b[1] - a[1]).slice(0, 8))
      console.log(`  ${count}× ${message}`);
    for (const line of log.firstErrors) console.log(`  first errors in full: ${line.slice(0, 1500)}`);
  }

  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        finishedAt: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model ?? "unknown",
          node: process.version,
          loadAverageAtStart: loadAtStart,
        },
        note: "autocannon runs in the bench process and shares the CPUs with the server and PostgreSQL.",
        settings: {
          connections: CONNECTIONS,
          requestTimeoutSeconds: REQUEST_TIMEOUT_SECONDS,
          databasePoolMax: 20,
          p99GoalMs: P99_GOAL_MS,
          idleLimitSeconds: IDLE_LIMIT_MS / 1000,
        },
        results,
        serverProblems: Object.fromEntries(log.problems),
        serverFirstErrors: log.firstErrors,
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `Results written to ${path.relative(process.cwd(), resultsFile)}. Run took ${fixed((performance.now() - started) / 1000)} s.`,
  );
}

const watchdog = setTimeout(() => {
  console.error(`The bench ran longer than ${WATCHDOG_MS / 60_000} minutes; giving up.`);
  void cleanUp().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();

process.once("SIGINT", () => {
  console.error("Interrupted; cleaning up.");
  void cleanUp().finally(() => process.exit(130));
});

try {
  await main();
} catch (error) {
  console.error(error instanceof BenchError ? error.message : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
  clearTimeout(watchdog);
}
