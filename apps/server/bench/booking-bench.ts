// `pnpm bench`: the load benchmark of issue 12 against the production build. It measures and reports; it is
// not a test and fails on no threshold. Load only ever goes to 127.0.0.1, and the run stops by itself
// (about 5–6 minutes; a watchdog ends it at 8).
//
//   1. creates a fresh database bookable_bench_<random> on BENCH_DATABASE_URL (a PostgreSQL on this machine,
//      default postgres://postgres@127.0.0.1:5432/test) and drops it at the end, also on failure;
//   2. starts the production bundle (apps/server/dist/main.js; run `pnpm build` first) on a free port with
//      WEB_CONCURRENCY server processes (BENCH_WEB_CONCURRENCY, default the number of CPUs, as in production);
//   3. sets up an admin, resources and 1000 user accounts (who sign in before the writes) (bench-fixtures.ts);
//   4. baseline: a bare Fastify server in this process (baseline-scenario.ts);
//   5. reads, closed loop of 1000 connections: a month of slots, then the day summary (reads-scenario.ts);
//   6. writes, closed loop of 1000 connections: bookings over 50 resources, then SQL checks for double
//      bookings (writes-scenario.ts);
//   7. 1000 concurrent users, each with its own account, booking as people do (users-scenario.ts), and how
//      long their confirmation emails took from enqueue to sent (confirmation-delivery.ts, issue 13);
//   after each server scenario it waits up to 20 s for the server to work off requests whose clients gave
//   up, and restarts it before the next scenario if it is still busy;
//   8. prints one table (bench-report.ts), writes apps/server/bench/results/latest.json, stops the server
//      and drops the database. `pnpm --filter @bookable/server bench:readme` puts the table into README.md.
//
// The load generators (autocannon, undici) run in this process, on the same CPUs as the server and
// PostgreSQL, so the numbers are a lower bound of what the server does on a machine of its own.
//
// This is a developer tool outside the server, so it reads its own settings (BENCH_*) itself; the server it
// starts gets an explicit environment and reads it through config.ts as always.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateSigningKeyPem } from "@bookable/auth";
import { z } from "zod";
import { runBaseline } from "./baseline-scenario.js";
import { createBenchDatabase, isLoopback } from "./bench-database.js";
import { ADMIN_EMAIL, createAdmin, createResources, createUserAccounts, signInUsers } from "./bench-fixtures.js";
import { BenchError, onCleanup, runBounded } from "./bench-lifecycle.js";
import { type Machine, printTable, writeLatest } from "./bench-report.js";
import { benchScale } from "./bench-scale.js";
import { REQUEST_TIMEOUT_SECONDS } from "./closed-loop.js";
import { confirmationDelivery } from "./confirmation-delivery.js";
import { call } from "./http-setup.js";
import { monthWindow, runReadScenarios } from "./reads-scenario.js";
import type { ScenarioResult } from "./scenario-result.js";
import { freePort, HOST, ServerLog, ServerUnderTest, secondsUntilIdle } from "./server-under-test.js";
import { runUsersScenario } from "./users-scenario.js";
import { runWriteScenario } from "./writes-scenario.js";

const READ_RESOURCES = 4;
const WRITE_RESOURCES = 50;
const USER_RESOURCES = 50;
/** Users signing in at once before the users scenario (each is an argon2id verification on the server). */
const USER_SIGN_IN_CONCURRENCY = 8;
const DATABASE_POOL_MAX = 20;
/** How long to wait after a scenario for the server to work off requests whose clients gave up. */
const IDLE_LIMIT_MS = 20_000;
const WATCHDOG_MS = 8 * 60_000;
const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";
/** How long after the users scenario the bench waits for the last confirmation emails to be sent. */
const CONFIRMATION_WAIT_SECONDS = 30;

const serverDir = fileURLToPath(new URL("..", import.meta.url));
const serverBundle = path.join(serverDir, "dist", "main.js");
// A smoke run must not pass for a measurement (the README table comes from latest.json).
const resultsFile = fileURLToPath(new URL(benchScale.smoke ? "./results/smoke.json" : "./results/latest.json", import.meta.url));
/** BENCH_CPU_PROFILE=1 writes a V8 CPU profile of each server process to results/profiles (open it in Chrome DevTools). */
const profileDir = fileURLToPath(new URL("./results/profiles", import.meta.url));
const profileFlags = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];

const loadAverage = () => os.loadavg().map((load) => Number(load.toFixed(2)));

async function main(): Promise<void> {
  if (!existsSync(serverBundle)) {
    throw new BenchError(`No production build at ${path.relative(process.cwd(), serverBundle)}. Run \`pnpm build\` first.`);
  }
  const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_DATABASE_URL;
  if (!isLoopback(new URL(adminUrl).hostname)) {
    throw new BenchError(`BENCH_DATABASE_URL must point at this machine (127.0.0.1), not ${new URL(adminUrl).hostname}.`);
  }
  const webConcurrency = z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(os.availableParallelism())
    .parse(process.env.BENCH_WEB_CONCURRENCY || undefined);

  const started = performance.now();
  const loadAtStart = loadAverage();
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
    serverBundle,
    serverDir,
    {
      NODE_ENV: "production",
      HOST,
      PORT: String(port),
      METRICS_PORT: String(await freePort()),
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: String(DATABASE_POOL_MAX),
      WEB_CONCURRENCY: String(webConcurrency),
      LOG_LEVEL: "warn",
      AUTH_RATE_LIMIT_PER_MINUTE: "1000000",
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      // The bench measures throughput: each account makes dozens of bookings a minute, past a person's hourly limit.
      BOOKINGS_PER_HOUR: "100000",
      ADMIN_EMAILS: ADMIN_EMAIL,
      JWT_PRIVATE_KEY: await generateSigningKeyPem(),
      DATA_DIR: dataDir,
    },
    log,
    profileFlags,
  );
  await server.start();

  const adminToken = await createAdmin(baseUrl, database);
  const readResources = await createResources(baseUrl, adminToken, "read", READ_RESOURCES, 1000);
  const writeResources = await createResources(baseUrl, adminToken, "write", WRITE_RESOURCES, 1);
  const userResources = await createResources(baseUrl, adminToken, "user", USER_RESOURCES, 1);
  await createUserAccounts(database, benchScale.users);
  console.log(
    `Set up: admin; ${READ_RESOURCES} read, ${WRITE_RESOURCES} write and ${USER_RESOURCES} user resources (24/7, 15-minute slots); ${benchScale.users} user accounts.`,
  );

  // Windows and slots start tomorrow (UTC midnight), well clear of "now".
  const tomorrow = new Date();
  tomorrow.setUTCHours(24, 0, 0, 0);
  const sample = await call(
    baseUrl,
    { method: "GET", path: `/api/v1/resources/${readResources[0]}/availability?${monthWindow(tomorrow)}` },
    200,
    z.object({ slots: z.array(z.unknown()) }),
  );
  console.log(`One month of availability answers ${sample.slots.length} slots.`);

  const settle = async (result: ScenarioResult, another: boolean) => {
    const busySeconds = await secondsUntilIdle(server.baseUrl, IDLE_LIMIT_MS);
    result.afterLoad = { busySeconds, restarted: false };
    if (busySeconds !== null) return;
    console.log(`  server still busy ${IDLE_LIMIT_MS / 1000} s after the load stopped${another ? "; restarting it" : ""}`);
    if (another) {
      await server.restart();
      result.afterLoad.restarted = true;
    }
  };

  const results: ScenarioResult[] = [];
  const baseline = await runBaseline();
  results.push(baseline);
  results.push(
    ...(await runReadScenarios({
      server,
      database,
      resourceIds: readResources,
      tomorrow,
      durationSeconds: benchScale.scenarioSeconds,
      settle: (result) => settle(result, true),
    })),
  );
  // The users sign in before the writes: the closed loop books as all of them, as many people would. (With
  // 20 accounts, each account's bookings take turns on its own lock, so the bench measured that lock.)
  const signedIn = await signInUsers(baseUrl, benchScale.users, USER_SIGN_IN_CONCURRENCY);
  results.push(signedIn.result);
  const writes = await runWriteScenario({
    server,
    database,
    resourceIds: writeResources,
    bookerTokens: signedIn.tokens,
    tomorrow,
    durationSeconds: benchScale.scenarioSeconds,
  });
  results.push(writes);
  await settle(writes, true);
  const serverCpuBefore = server.cpuSeconds();
  const usersStarted = performance.now();
  const usersStartedAt = Date.now();
  const users = await runUsersScenario({
    baseUrl,
    resourceIds: userResources,
    tomorrow,
    users: benchScale.users,
    tokens: signedIn.tokens,
    rampSeconds: benchScale.usersRampSeconds,
    measureSeconds: benchScale.usersMeasureSeconds,
  });
  const serverCpuAfter = server.cpuSeconds();
  const usersCpu =
    serverCpuBefore !== null && serverCpuAfter !== null
      ? (serverCpuAfter - serverCpuBefore) / ((performance.now() - usersStarted) / 1000)
      : null;
  users[0]?.notes.push(`server CPU over the whole users scenario: ${usersCpu === null ? "n/a" : usersCpu.toFixed(2)} cores`);
  results.push(...users);
  const measuredFrom = usersStartedAt + benchScale.usersRampSeconds * 1000;
  results.push(
    await confirmationDelivery(
      database,
      { from: new Date(measuredFrom), to: new Date(measuredFrom + benchScale.usersMeasureSeconds * 1000) },
      CONFIRMATION_WAIT_SECONDS,
    ),
  );

  // Rows of requests only: the confirmation row counts emails, which no HTTP baseline compares with.
  for (const result of results)
    if (result.connections > 0) result.ratioToBaseline = result.requestsPerSecond / baseline.requestsPerSecond;
  const machine: Machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    node: process.version,
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadAverage(),
    webConcurrency,
  };
  printTable(results, machine);
  if (log.problems.size > 0) {
    console.log("Server warnings and errors during the run:");
    for (const [message, count] of [...log.problems].sort((a, b) => b[1] - a[1]).slice(0, 8))
      console.log(`  ${count}× ${message}`);
    for (const line of log.firstErrors) console.log(`  first errors in full: ${line.slice(0, 1500)}`);
  }
  writeLatest(resultsFile, {
    finishedAt: new Date().toISOString(),
    machine,
    note: "The load generators run in the bench process and share the CPUs with the server and PostgreSQL.",
    settings: {
      connections: benchScale.connections,
      smoke: String(benchScale.smoke),
      requestTimeoutSeconds: REQUEST_TIMEOUT_SECONDS,
      databasePoolMaxPerProcess: DATABASE_POOL_MAX,
      webConcurrency,
      users: benchScale.users,
      usersRampSeconds: benchScale.usersRampSeconds,
      usersMeasureSeconds: benchScale.usersMeasureSeconds,
      idleLimitSeconds: IDLE_LIMIT_MS / 1000,
    },
    results,
    serverProblems: Object.fromEntries(log.problems),
    serverFirstErrors: log.firstErrors,
  });
  console.log(
    `Results written to ${path.relative(process.cwd(), resultsFile)} (README: pnpm --filter @bookable/server bench:readme). Run took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
}

await runBounded(main, WATCHDOG_MS);
