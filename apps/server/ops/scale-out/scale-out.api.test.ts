// Scale-out proof: three instances of the production bundle behind a real nginx (round robin), sharing
// the machine's PostgreSQL (a fresh database, dropped afterwards) and Redis. Sessions, rate limits and
// the no-double-booking guarantee must hold across instances, and losing an instance mid-load must lose
// no confirmed booking. All traffic stays on 127.0.0.1 and stops by itself.
//
// Every request the test sends carries its own x-request-id, which the server keeps as its request id;
// each instance's JSON request log then says which instance received and answered which request.
//
// Rate-limit counters in the shared Redis live for a minute and are keyed by client IP, so nothing may
// depend on the counts of an earlier run: nginx connects to the instances from a fresh loopback address
// each run (proxy_bind, named in TRUST_PROXY), and the test's clients connect from fresh loopback
// addresses too. Whether the instances take the client IP from X-Forwarded-For (TRUST_PROXY) or see
// nginx's address, each run counts from zero.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateSigningKeyPem } from "@bookable/auth";
import { freePort } from "@bookable/testing/free-port";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { configSchema } from "../../src/config.js";
import { type HttpResponse, httpRequest, json, randomLoopbackAddress, TransportError } from "./http-client.js";
import { NGINX_BINARY, Nginx } from "./nginx.js";
import { ServerInstance } from "./server-instance.js";

const repositoryRoot = fileURLToPath(new URL("../../../..", import.meta.url));
const serverBundle = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

const postgresAdminUrl = inject("postgresAdminUrl");
const redisUrl = inject("redisUrl");
const nginxPresent = existsSync(NGINX_BINARY);
const missing = [
  ...(nginxPresent ? [] : [`nginx (${NGINX_BINARY}; apt-get install nginx)`]),
  ...(postgresAdminUrl ? [] : ["PostgreSQL"]),
  ...(redisUrl ? [] : ["Redis"]),
];
if (missing.length > 0) console.warn(`Scale-out test skipped: ${missing.join(", ")} not available.`);

const INSTANCES = 3;
const AUTH_LIMIT = 5;
const MEMBER_COUNT = 20;
const PASSWORD = "scale out password";
const ADMIN_EMAIL = "admin@example.com";
/** Whether the server has the TRUST_PROXY setting yet; once it does, X-Forwarded-For must be honoured. */
const trustProxySupported = "TRUST_PROXY" in configSchema.shape;

interface Member {
  email: string;
  address: string;
  accessToken: string;
}

type Outcome = { kind: "response"; response: HttpResponse } | { kind: "transport"; code: string };

describe.skipIf(missing.length > 0)("three instances behind nginx", () => {
  const run = randomBytes(3).toString("hex");
  let work = "";
  /** The address nginx connects to the instances from. */
  const proxyAddress = randomLoopbackAddress();
  /** The test's own client address towards nginx. */
  const clientAddress = randomLoopbackAddress();
  const databaseName = `bookable_scaleout_${run}`;
  let adminPool: pg.Pool | undefined;
  let database: pg.Pool | undefined;
  let databaseCreated = false;
  const instances: ServerInstance[] = [];
  let nginx: Nginx | undefined;
  let publicUrl = "";
  let adminToken = "";
  const members: Member[] = [];
  let sequence = 0;

  const requestId = (label: string) => {
    sequence += 1;
    return `so-${run}-${label}-${sequence}`;
  };

  /** A request through nginx, tagged with a fresh request id. */
  const viaNginx = async (
    label: string,
    pathname: string,
    options: { method?: "GET" | "POST"; body?: unknown; headers?: Record<string, string>; from?: string } = {},
  ): Promise<{ id: string; outcome: Outcome }> => {
    const id = requestId(label);
    try {
      const response = await httpRequest(`${publicUrl}${pathname}`, {
        ...(options.method ? { method: options.method } : {}),
        ...(options.body === undefined ? {} : { body: options.body }),
        headers: { "x-request-id": id, ...options.headers },
        localAddress: options.from ?? clientAddress,
      });
      return { id, outcome: { kind: "response", response } };
    } catch (error) {
      if (error instanceof TransportError) return { id, outcome: { kind: "transport", code: error.code } };
      throw error;
    }
  };

  const responseOf = (outcome: Outcome): HttpResponse => {
    if (outcome.kind !== "response") throw new Error(`no HTTP answer: ${outcome.code}`);
    return outcome.response;
  };

  /** Which instances logged the request id. */
  const servedBy = (id: string) => instances.filter((instance) => instance.requests.has(id));

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "bookable-scale-out-"));
    if (!existsSync(serverBundle)) {
      console.log("apps/server/dist/main.js is missing; building it…");
      const built = spawnSync("pnpm", ["--filter", "@bookable/server", "build"], { cwd: repositoryRoot, encoding: "utf8" });
      expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0);
    }

    adminPool = new pg.Pool({ connectionString: postgresAdminUrl ?? "", max: 1 });
    // An idle connection that PostgreSQL ends (the forced drop at the end) must not fail the run.
    adminPool.on("error", () => {});
    await adminPool.query(`create database ${databaseName}`);
    databaseCreated = true;
    const databaseUrl = new URL(postgresAdminUrl ?? "");
    databaseUrl.pathname = `/${databaseName}`;

    const nginxPort = await freePort();
    publicUrl = `http://127.0.0.1:${nginxPort}`;
    const signingKey = await generateSigningKeyPem();
    const notificationSecretKey = randomBytes(32).toString("base64url");
    const ports: number[] = [];
    for (let index = 0; index < INSTANCES; index++) ports.push(await freePort());
    for (const [index, port] of ports.entries()) {
      instances.push(
        new ServerInstance(`instance ${index + 1}`, port, serverBundle, {
          PATH: process.env.PATH ?? "",
          NODE_ENV: "production",
          // Three single-process instances, as this test is about instances behind a balancer; several
          // processes per instance are web-concurrency.api.test.ts's subject.
          WEB_CONCURRENCY: "1",
          HOST: "127.0.0.1",
          PORT: String(port),
          DATABASE_URL: databaseUrl.href,
          REDIS_URL: redisUrl ?? "",
          JWT_PRIVATE_KEY: signingKey,
          NOTIFICATION_SECRET_KEY: notificationSecretKey,
          PUBLIC_URL: publicUrl,
          ADMIN_EMAILS: ADMIN_EMAIL,
          AUTH_RATE_LIMIT_PER_MINUTE: String(AUTH_LIMIT),
          LOG_LEVEL: "info",
          DATA_DIR: path.join(work, `data-${index + 1}`),
          TRUST_PROXY: proxyAddress,
          // Each pod has a loopback of its own; on one host each instance needs its own metrics port.
          METRICS_PORT: String(await freePort()),
          // Three instances, nginx and PostgreSQL load two cores on purpose; the test is about bookings lost or
          // doubled across instances, so every overload answer (a 503 it would count as an unexpected answer)
          // stays off: event-loop shedding, the admission gate's queue bound and the pool's acquire timeout. CI
          // once got 10 × 503 from the admission gate on a busy machine in the 60-attempt race.
          SHED_EVENT_LOOP_DELAY_MS: "0",
          ADMISSION_MAX_IN_FLIGHT: "0",
          DATABASE_POOL_ACQUIRE_TIMEOUT_MS: "0",
        }),
      );
    }
    // All three start at once on the fresh database: one migrates, the others wait for its lock.
    const startedAt = performance.now();
    for (const instance of instances) instance.start();
    await Promise.all(instances.map((instance) => instance.waitUntilReady()));
    const nginxDir = path.join(work, "nginx");
    nginx = new Nginx({ workDir: nginxDir, listenPort: nginxPort, upstreamPorts: ports, proxyBind: proxyAddress });
    await nginx.start();
    console.log(
      `Scale-out: ${INSTANCES} instances (ports ${ports.join(", ")}) and nginx on ${publicUrl} ready in ` +
        `${((performance.now() - startedAt) / 1000).toFixed(1)} s; nginx connects from ${proxyAddress}, the test from ${clientAddress}.`,
    );

    const pool = new pg.Pool({ connectionString: databaseUrl.href, max: 4 });
    pool.on("error", () => {});
    database = pool;

    // Accounts are set up directly on the instances, each from an address of its own, so the per-IP
    // limit of AUTH_LIMIT attempts a minute never gets in the way.
    const register = async (index: number, email: string, address: string) => {
      const instance = instances[index % INSTANCES] as ServerInstance;
      const response = await httpRequest(`${instance.baseUrl}/api/v1/users`, {
        body: { username: `u${run}_${index}`, email, password: PASSWORD },
        localAddress: address,
      });
      if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${response.body}`);
    };
    const token = async (index: number, email: string, address: string) => {
      const instance = instances[(index + 1) % INSTANCES] as ServerInstance;
      const response = await httpRequest(`${instance.baseUrl}/api/v1/auth/token`, {
        body: { email, password: PASSWORD },
        localAddress: address,
      });
      if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${response.body}`);
      return json<{ accessToken: string }>(response).accessToken;
    };

    // In production there is no dev mailbox: the admin is confirmed and promoted in the database.
    const adminAddress = randomLoopbackAddress();
    await register(MEMBER_COUNT, ADMIN_EMAIL, adminAddress);
    await database.query("update users set role = 'admin', email_verified_at = now() where email = $1", [ADMIN_EMAIL]);
    adminToken = await token(MEMBER_COUNT, ADMIN_EMAIL, adminAddress);

    const made = await Promise.all(
      Array.from({ length: MEMBER_COUNT }, async (_, index) => {
        const email = `member${index}-${run}@example.com`;
        const address = randomLoopbackAddress();
        await register(index, email, address);
        // Booking needs a confirmed email; production has no mailbox to read the link from.
        await pool.query("update users set email_verified_at = now() where email = $1", [email]);
        return { email, address, accessToken: await token(index, email, address) };
      }),
    );
    members.push(...made);
  }, 120_000);

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    await database?.end().catch(() => {});
    if (databaseCreated) await adminPool?.query(`drop database if exists ${databaseName} with (force)`);
    await adminPool?.end().catch(() => {});
    for (const instance of instances) {
      if (instance.problems.length > 0) {
        console.log(
          `${instance.name} logged ${instance.problems.length} error lines; the first:\n${instance.problems.slice(0, 3).join("\n")}`,
        );
      }
    }
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it("spreads requests round robin over all three instances", async () => {
    const count = 30;
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const { id, outcome } = await viaNginx("rr", "/api/v1/resources");
      expect(responseOf(outcome).status).toBe(200);
      ids.push(id);
    }
    const perInstance = instances.map((instance) => ids.filter((id) => instance.requests.has(id)).length);
    console.log(`Round robin: ${count} GET /api/v1/resources through nginx → per instance ${perInstance.join(" / ")}.`);
    expect(perInstance.reduce((sum, served) => sum + served, 0)).toBe(count);
    for (const served of perInstance) expect(served).toBeGreaterThan(0);
    // One nginx worker, sequential requests: strict rotation.
    expect(Math.max(...perInstance) - Math.min(...perInstance)).toBeLessThanOrEqual(1);

    // What the instances took for the client IP: the test's address (X-Forwarded-For) or nginx's.
    const seen = new Set(ids.map((id) => servedBy(id)[0]?.requests.get(id)?.remoteAddress));
    const honoured = seen.size === 1 && seen.has(clientAddress);
    console.log(
      `Client IP as the instances saw it: ${[...seen].join(", ")} (test client ${clientAddress}, nginx ${proxyAddress}): ` +
        `X-Forwarded-For ${honoured ? "honoured" : "not honoured"}; TRUST_PROXY setting ${trustProxySupported ? "present" : "not present yet"}.`,
    );
    if (trustProxySupported) expect([...seen]).toEqual([clientAddress]);
    else expect([...seen]).toEqual([proxyAddress]);
  });

  it("honours a token session and a cookie session made through one instance on every instance, and their end too", async () => {
    const member = members[0] as Member;
    const issued = await viaNginx("token", "/api/v1/auth/token", { body: { email: member.email, password: PASSWORD } });
    const tokens = json<{ accessToken: string; refreshToken: string }>(responseOf(issued.outcome));
    expect(responseOf(issued.outcome).status).toBe(200);
    const issuer = servedBy(issued.id)[0];

    const me = (instance: ServerInstance, token: string) =>
      httpRequest(`${instance.baseUrl}/api/v1/me`, { headers: bearer(token) }).then((response) => response.status);
    const before = await Promise.all(instances.map((instance) => me(instance, tokens.accessToken)));
    expect(before).toEqual([200, 200, 200]);

    // Revoked on one instance (not the issuer), refused on all of them at once.
    const revoker = instances.find((instance) => instance !== issuer) as ServerInstance;
    const revoked = await httpRequest(`${revoker.baseUrl}/api/v1/auth/revoke`, { body: { refreshToken: tokens.refreshToken } });
    expect(revoked.status).toBe(200);
    const after = await Promise.all(instances.map((instance) => me(instance, tokens.accessToken)));
    expect(after).toEqual([401, 401, 401]);
    console.log(
      `Token session: issued by ${issuer?.name} through nginx; GET /api/v1/me directly on each instance → ${before.join(", ")}; ` +
        `revoked on ${revoker.name} → ${after.join(", ")}.`,
    );

    // The browser's way: tRPC sign-in through nginx (Origin = PUBLIC_URL), the cookie on each instance.
    const signedIn = await viaNginx("signin", "/trpc/auth.signIn", {
      body: { email: member.email, password: PASSWORD },
      headers: { origin: publicUrl },
    });
    const signInResponse = responseOf(signedIn.outcome);
    expect(signInResponse.status, signInResponse.body).toBe(200);
    const setCookies = signInResponse.headers["set-cookie"] ?? [];
    const sessionCookie = setCookies.find((line) => line.startsWith("bookable_session="))?.split(";")[0];
    expect(sessionCookie).toBeDefined();
    const cookie = sessionCookie ?? "";
    const viewer = async (instance: ServerInstance) => {
      const response = await httpRequest(`${instance.baseUrl}/trpc/auth.viewer`, { headers: { cookie } });
      expect(response.status).toBe(200);
      return json<{ result: { data: { user: { email: string } | null } } }>(response).result.data.user?.email ?? null;
    };
    const viewers = await Promise.all(instances.map(viewer));
    expect(viewers).toEqual([member.email, member.email, member.email]);

    // Signed out on another instance than the one that signed in: no instance knows the cookie any more.
    const signer = servedBy(signedIn.id)[0];
    const signOutAt = instances.find((instance) => instance !== signer) as ServerInstance;
    const signedOut = await httpRequest(`${signOutAt.baseUrl}/trpc/auth.signOut?batch=1`, {
      body: {},
      headers: { cookie, origin: publicUrl },
    });
    expect(signedOut.status, signedOut.body).toBe(200);
    const viewersAfter = await Promise.all(instances.map(viewer));
    expect(viewersAfter).toEqual([null, null, null]);
    console.log(
      `Cookie session: signed in through nginx on ${signer?.name}; auth.viewer directly on each instance → ` +
        `${viewers.map((email) => (email ? "signed in" : "anonymous")).join(", ")}; signed out on ${signOutAt.name} → ` +
        `${viewersAfter.map((email) => (email ? "signed in" : "anonymous")).join(", ")}.`,
    );
  });

  it(`counts sign-in attempts across instances: at most ${AUTH_LIMIT} a minute per client IP, whichever instance answers`, async () => {
    // A client address and an email address of their own.
    const attacker = randomLoopbackAddress();
    const email = `nobody-${run}@example.com`;
    const attempts: { id: string; status: number; retryAfter: string | undefined }[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const { id, outcome } = await viaNginx("limit", "/trpc/auth.signIn", {
        body: { email, password: `wrong ${attempt}` },
        headers: { origin: publicUrl },
        from: attacker,
      });
      const response = responseOf(outcome);
      const retryAfter = response.headers["retry-after"];
      attempts.push({ id, status: response.status, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter });
    }
    const statuses = attempts.map((attempt) => attempt.status);
    const answeredBy = attempts.map((attempt) => servedBy(attempt.id)[0]?.name ?? "?");
    const perInstance = instances.map((instance) => attempts.filter((attempt) => instance.requests.has(attempt.id)).length);
    const allowed = statuses.indexOf(429);
    console.log(
      `Rate limit (AUTH_RATE_LIMIT_PER_MINUTE=${AUTH_LIMIT}, shared Redis): 8 failed sign-ins through nginx → ${statuses.join(", ")}; ` +
        `answered by ${answeredBy.join(", ")} (per instance ${perInstance.join(" / ")}); first 429 at attempt ${allowed + 1}.`,
    );
    // The limit was reached although no instance saw more than AUTH_LIMIT attempts itself.
    expect(statuses).toContain(429);
    expect(allowed).toBeGreaterThanOrEqual(1);
    expect(allowed).toBeLessThanOrEqual(AUTH_LIMIT);
    expect(statuses.slice(0, allowed).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(allowed).every((status) => status === 429)).toBe(true);
    expect(perInstance.filter((served) => served > 0).length).toBeGreaterThanOrEqual(2);
    for (const served of perInstance) expect(served).toBeLessThanOrEqual(AUTH_LIMIT);
    for (const attempt of attempts.slice(allowed)) expect(Number(attempt.retryAfter)).toBeGreaterThan(0);
    // With X-Forwarded-For honoured, the attacker's own count starts at zero: exactly AUTH_LIMIT pass.
    if (trustProxySupported) expect(allowed).toBe(AUTH_LIMIT);
  });

  /** Creates a 24/7 resource (UTC) through nginx as the admin. */
  const createResource = async (body: { capacity: number; slotMinutes: number }) => {
    const { outcome } = await viaNginx("resource", "/api/v1/resources", {
      body: {
        name: `Scale-out ${body.capacity}x${body.slotMinutes} ${run}`,
        timeZone: "UTC",
        slotMinutes: body.slotMinutes,
        capacity: body.capacity,
        weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
        minNoticeMinutes: 0,
        horizonDays: 60,
      },
      headers: bearer(adminToken),
    });
    const response = responseOf(outcome);
    expect(response.status, response.body).toBe(201);
    return json<{ id: string }>(response).id;
  };

  const book = (label: string, member: Member, resourceId: string, start: string) =>
    viaNginx(label, "/api/v1/bookings", {
      body: { resourceId, start, attendee: { name: "Scale Out", email: member.email } },
      headers: bearer(member.accessToken),
    });

  const errorCode = (response: HttpResponse): string | undefined => {
    try {
      return (JSON.parse(response.body) as { error?: { code?: string } }).error?.code;
    } catch {
      return undefined;
    }
  };
  /** No seat left: SLOT_TAKEN, or ALREADY_BOOKED when the account asking won a seat of it itself (issue 15). */
  const noSeatLeft = (response: HttpResponse) =>
    response.status === 409 && ["SLOT_TAKEN", "ALREADY_BOOKED"].includes(errorCode(response) ?? "");

  const startOfDayUtc = (daysAhead: number) => {
    const day = new Date();
    day.setUTCHours(0, 0, 0, 0);
    return day.getTime() + daysAhead * 24 * 3600_000;
  };

  it("lets exactly 3 of 60 simultaneous attempts through nginx book one slot of a capacity-3 resource", async () => {
    const resourceId = await createResource({ capacity: 3, slotMinutes: 60 });
    const start = new Date(startOfDayUtc(2) + 10 * 3600_000).toISOString();
    const attempts = await Promise.all(
      Array.from({ length: 60 }, (_, index) => book("race", members[index % members.length] as Member, resourceId, start)),
    );
    const responses = attempts.map(({ outcome }) => responseOf(outcome));
    const won = responses.filter((response) => response.status === 201).length;
    const slotTaken = responses.filter(noSeatLeft).length;
    const other = responses.filter((response) => response.status !== 201 && !noSeatLeft(response));
    const perInstance = instances.map((instance) => attempts.filter(({ id }) => instance.requests.has(id)).length);
    const { rows } = await (database as pg.Pool).query<{ seats: string }>(
      "select count(*) as seats from booking_seats where resource_id = $1",
      [resourceId],
    );
    console.log(
      `Capacity 3, 60 simultaneous POST /api/v1/bookings through nginx (per instance ${perInstance.join(" / ")}): ` +
        `${won} × 201, ${slotTaken} × 409 SLOT_TAKEN, ${other.length} other; ${rows[0]?.seats} seat rows in the database.`,
    );
    expect(other.map((response) => `${response.status} ${response.body}`)).toEqual([]);
    expect(won).toBe(3);
    expect(slotTaken).toBe(57);
    expect(Number(rows[0]?.seats)).toBe(3);
    for (const served of perInstance) expect(served).toBeGreaterThan(0);
  });

  it("loses no confirmed booking when an instance is killed mid-load, and keeps serving on the other two", async () => {
    const resourceId = await createResource({ capacity: 1, slotMinutes: 15 });
    const total = 300;
    const distinctSlots = 250; // the last 50 requests go for slots asked for before: some contention
    const concurrency = 30;
    const killAfter = 100;
    const base = startOfDayUtc(3);
    const startOf = (index: number) => new Date(base + (index % distinctSlots) * 15 * 60_000).toISOString();
    const victim = instances[INSTANCES - 1] as ServerInstance;

    const results: { id: string; outcome: Outcome; sentAfterExit: boolean }[] = [];
    let next = 0;
    let completed = 0;
    let killed = false;
    /** Set once the killed process is gone (its sockets closed), not merely signalled. */
    let victimExited = false;
    let inFlightAtKill = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < total) {
        const index = next++;
        const sentAfterExit = victimExited;
        const result = await book("load", members[index % members.length] as Member, resourceId, startOf(index));
        results.push({ ...result, sentAfterExit });
        completed += 1;
        if (!killed && completed >= killAfter) {
          killed = true;
          inFlightAtKill = next - completed;
          void victim.kill().then(() => {
            victimExited = true;
          });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;

    const statusCounts: Record<string, number> = {};
    for (const { outcome } of results) {
      const key =
        outcome.kind === "transport"
          ? `connection error ${outcome.code}`
          : outcome.response.status === 409
            ? `409 ${errorCode(outcome.response)}`
            : String(outcome.response.status);
      statusCounts[key] = (statusCounts[key] ?? 0) + 1;
    }
    const perInstance = instances.map((instance) => results.filter(({ id }) => instance.requests.has(id)).length);
    const victimUnanswered = victim.requestsWithPrefix(`so-${run}-load-`).filter((request) => request.statusCode === undefined);
    // What nginx met upstream, from its error log: lost connections (502) and refused ones (passed on).
    const nginxLog = nginx?.errorLog() ?? "";
    const upstreamErrors = {
      "prematurely closed": (nginxLog.match(/upstream prematurely closed connection/g) ?? []).length,
      "reset by peer": (nginxLog.match(/\(104: Connection reset by peer\)/g) ?? []).length,
      "connection refused": (nginxLog.match(/\(111: Connection refused\)/g) ?? []).length,
    };
    console.log(
      `SIGKILL of ${victim.name} after ${killAfter} of ${total} booking POSTs (concurrency ${concurrency}, ${inFlightAtKill} in flight, ` +
        `${victimUnanswered.length} received by ${victim.name} without a logged answer), ${seconds.toFixed(1)} s: ` +
        `${JSON.stringify(statusCounts)}; received per instance ${perInstance.join(" / ")}; ` +
        `${results.filter((result) => result.sentAfterExit).length} sent after ${victim.name} had exited; ` +
        `nginx error log: ${JSON.stringify(upstreamErrors)}.`,
    );

    // Clients saw a booking, a taken slot, or a retriable failure of a request that went to the killed instance.
    const retriable = (outcome: Outcome) => outcome.kind === "transport" || [502, 503, 504].includes(outcome.response.status);
    const unexpected = results.filter(
      ({ outcome }) =>
        !retriable(outcome) &&
        !(outcome.kind === "response" && (outcome.response.status === 201 || noSeatLeft(outcome.response))),
    );
    expect(
      unexpected.map(({ outcome }) =>
        outcome.kind === "response" ? `${outcome.response.status} ${outcome.response.body}` : outcome.code,
      ),
    ).toEqual([]);
    for (const { id, outcome } of results.filter((result) => retriable(result.outcome))) {
      const receivers = servedBy(id);
      expect(
        receivers.every((instance) => instance === victim),
        `${id} (${JSON.stringify(outcome)})`,
      ).toBe(true);
    }
    // Requests sent once the killed instance was gone all reached a live one (nginx passes a refused connection on).
    const afterExit = results.filter((result) => result.sentAfterExit);
    expect(afterExit.length).toBeGreaterThan(0);
    expect(afterExit.filter(({ outcome }) => retriable(outcome)).map(({ id }) => id)).toEqual([]);

    // Every booking a client was told about is in the database, confirmed, with its seat.
    const confirmedIds = results.flatMap(({ outcome }) =>
      outcome.kind === "response" && outcome.response.status === 201 ? [json<{ id: string }>(outcome.response).id] : [],
    );
    const pool = database as pg.Pool;
    const { rows: stored } = await pool.query<{ id: string; status: string; seats: string }>(
      `select b.id, b.status, (select count(*) from booking_seats s where s.booking_id = b.id) as seats
         from bookings b where b.id = any($1::uuid[])`,
      [confirmedIds],
    );
    expect(stored.length).toBe(confirmedIds.length);
    expect(stored.filter((row) => row.status !== "confirmed" || Number(row.seats) !== 1)).toEqual([]);
    const { rows: live } = await pool.query<{ bookings: string }>(
      "select count(*) as bookings from bookings where resource_id = $1 and status in ('confirmed', 'held')",
      [resourceId],
    );
    // No seat is occupied twice at any moment, on any resource.
    const { rows: overlaps } = await pool.query<{ pairs: string }>(
      `select count(*) as pairs from booking_seats a join booking_seats b
         on a.resource_id = b.resource_id and a.seat_number = b.seat_number
        and a.booking_id < b.booking_id and a.occupied && b.occupied`,
    );
    console.log(
      `After the kill: ${confirmedIds.length} bookings answered 201, all stored and confirmed; ${live[0]?.bookings} live bookings ` +
        `on the resource (${Number(live[0]?.bookings) - confirmedIds.length} committed by ${victim.name} without its answer arriving); ` +
        `${overlaps[0]?.pairs} overlapping seat pairs.`,
    );
    expect(Number(live[0]?.bookings)).toBeGreaterThanOrEqual(confirmedIds.length);
    expect(Number(live[0]?.bookings)).toBeLessThanOrEqual(distinctSlots);
    expect(Number(overlaps[0]?.pairs)).toBe(0);

    // The other two keep serving, reads and writes alike.
    const reads: { id: string; outcome: Outcome }[] = [];
    for (let index = 0; index < 12; index++) reads.push(await viaNginx("after", "/api/v1/resources"));
    const readStatuses = reads.map(({ outcome }) => responseOf(outcome).status);
    const readsPerInstance = instances.map((instance) => reads.filter(({ id }) => instance.requests.has(id)).length);
    const write = await book(
      "after",
      members[1] as Member,
      resourceId,
      new Date(base + distinctSlots * 15 * 60_000).toISOString(),
    );
    console.log(
      `After the kill: 12 GETs through nginx → ${[...new Set(readStatuses)].join(", ")}, per instance ${readsPerInstance.join(" / ")}; ` +
        `a new booking → ${responseOf(write.outcome).status}.`,
    );
    expect(readStatuses.every((status) => status === 200)).toBe(true);
    expect(readsPerInstance[INSTANCES - 1]).toBe(0);
    for (const served of readsPerInstance.slice(0, INSTANCES - 1)) expect(served).toBeGreaterThan(0);
    expect(responseOf(write.outcome).status).toBe(201);
    expect(victim.running).toBe(false);
  });
});
