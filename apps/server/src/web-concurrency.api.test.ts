// WEB_CONCURRENCY (issue 12) on real processes: the production bundle started as a cluster of two server
// processes on the machine's PostgreSQL (a fresh database, dropped afterwards). Requests are spread over both
// workers, a killed worker is replaced, and SIGTERM to the primary lets a request in flight finish before
// every process exits 0. Each request carries its own x-request-id; the JSON request log (pino writes the
// pid on every line) says which process answered it.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateSigningKeyPem } from "@bookable/auth";
import { freePort } from "@bookable/testing/free-port";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
const serverBundle = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const postgresAdminUrl = inject("postgresAdminUrl");

interface LogLine {
  pid?: number;
  msg?: string;
  reqId?: string;
  workerPid?: number;
}

/** The bundle as a child process, its JSON log lines kept as they come. */
function startBundle(env: Record<string, string>) {
  const lines: LogLine[] = [];
  let text = "";
  let partial = "";
  const child: ChildProcess = spawn(process.execPath, [serverBundle], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const record = (chunk: Buffer) => {
    text += chunk.toString();
    const parts = (partial + chunk.toString()).split("\n");
    partial = parts.pop() ?? "";
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        // Not a log line (a stack trace, a config error): kept in `text` only.
      }
    }
  };
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, lines, exited, output: () => text };
}

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: () => string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("WEB_CONCURRENCY on the embedded database", () => {
  it("refuses more than one server process, saying why", { timeout: 60_000 }, () => {
    const refused = spawnSync(process.execPath, [serverBundle], {
      env: { PATH: process.env.PATH ?? "", WEB_CONCURRENCY: "2", DATA_DIR: path.join(tmpdir(), "bookable-unused") },
      encoding: "utf8",
      // A server that starts anyway would run until killed.
      timeout: 50_000,
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("WEB_CONCURRENCY: must be 1 with the embedded database");
  });
});

describe.skipIf(!postgresAdminUrl)("WEB_CONCURRENCY=2 on PostgreSQL", () => {
  const databaseName = `bookable_cluster_${randomBytes(4).toString("hex")}`;
  const work = mkdtempSync(path.join(tmpdir(), "bookable-cluster-"));
  let adminPool: pg.Pool | undefined;
  let server: ReturnType<typeof startBundle> | undefined;
  let baseUrl = "";
  let port = 0;
  let metricsPort = 0;
  let sequence = 0;

  /** GET on a new connection each time (so the cluster hands each to the next worker); the pid that logged it. */
  const servedBy = async (): Promise<number> => {
    const id = `cluster-${databaseName}-${++sequence}`;
    const response = await fetch(`${baseUrl}/api/v1/resources`, { headers: { "x-request-id": id, connection: "close" } });
    expect(response.status).toBe(200);
    const line = await until(
      () => server?.lines.find((entry) => entry.reqId === id && entry.msg === "request completed"),
      () => `log of ${id}`,
    );
    return line.pid ?? 0;
  };

  beforeAll(async () => {
    if (!existsSync(serverBundle)) {
      const built = spawnSync("pnpm", ["--filter", "@bookable/server", "build"], { cwd: repositoryRoot, encoding: "utf8" });
      expect(built.status, `${built.stdout}\n${built.stderr}`).toBe(0);
    }
    adminPool = new pg.Pool({ connectionString: postgresAdminUrl ?? "", max: 1 });
    adminPool.on("error", () => {});
    await adminPool.query(`create database ${databaseName}`);
    const databaseUrl = new URL(postgresAdminUrl ?? "");
    databaseUrl.pathname = `/${databaseName}`;
    port = await freePort();
    metricsPort = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = startBundle({
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      DATABASE_URL: databaseUrl.href,
      DATABASE_POOL_MAX: "4",
      WEB_CONCURRENCY: "2",
      LOG_LEVEL: "info",
      SHUTDOWN_GRACE_SECONDS: "20",
      DATA_DIR: work,
      JWT_PRIVATE_KEY: await generateSigningKeyPem(),
      NOTIFICATION_SECRET_KEY: randomBytes(32).toString("base64url"),
    });
    await until(
      () => server?.lines.find((line) => line.msg?.includes("with 2 server processes")),
      () => server?.output() ?? "",
      150_000,
    );
  }, 180_000);

  afterAll(async () => {
    server?.child.kill("SIGKILL");
    await adminPool?.query(`drop database if exists ${databaseName} with (force)`).catch(() => {});
    await adminPool?.end();
    rmSync(work, { recursive: true, force: true });
  });

  const workerPids = () =>
    new Set((server?.lines ?? []).filter((line) => line.msg === "server process listening").map((line) => line.workerPid));

  it("answers requests from two server processes, neither of them the primary", async () => {
    const pids = new Set<number>();
    for (let index = 0; index < 10; index++) pids.add(await servedBy());
    expect(pids.size).toBe(2);
    expect(pids.has(server?.child.pid ?? -1)).toBe(false);
  });

  it("serves /metrics once, on the primary's loopback port, added up over the workers", async () => {
    // The first test sent ten requests to GET /api/v1/resources, about half to each worker.
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const served = metrics
      .split("\n")
      .find((line) =>
        line.startsWith('bookable_http_request_duration_seconds_count{method="GET",route="/api/v1/resources",status_code="200"}'),
      );
    expect(served?.split(" ").at(-1)).toBe("10");
  });

  it("replaces a server process that dies", async () => {
    const before = [...workerPids()];
    const victim = before[0] ?? 0;
    process.kill(victim, "SIGKILL");
    const replacement = await until(
      () => [...workerPids()].find((pid) => pid !== undefined && !before.includes(pid)),
      () => server?.output() ?? "",
    );
    const pids = new Set<number>();
    for (let index = 0; index < 10; index++) pids.add(await servedBy());
    expect(pids.has(victim)).toBe(false);
    expect(pids.has(replacement)).toBe(true);
    expect(pids.size).toBe(2);
  }, 120_000);

  it("on SIGTERM lets a request in flight finish, then every process exits 0", async () => {
    const id = `cluster-${databaseName}-inflight`;
    const body = JSON.stringify({ username: "in_flight", email: "in-flight@example.com", password: "long enough password" });
    // The request arrives with half its body; the rest follows only after SIGTERM reached the workers.
    const answer = new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest(
        `${baseUrl}/api/v1/users`,
        {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-request-id": id },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      outgoing.on("error", reject);
      outgoing.write(body.slice(0, 20));
      void until(
        () => server?.lines.find((line) => line.reqId === id && line.msg === "incoming request"),
        () => `the server to receive ${id}`,
      ).then(async () => {
        server?.child.kill("SIGTERM");
        await until(
          () => (server?.lines.filter((line) => line.msg === "shutting down").length ?? 0) >= 2 || undefined,
          () => server?.output() ?? "",
        );
        outgoing.end(body.slice(20));
      }, reject);
    });
    expect(await answer).toBe(201);
    expect(await server?.exited).toBe(0);
  }, 60_000);
});

describe.skipIf(!postgresAdminUrl)("WEB_CONCURRENCY=2 outside production: one dev mailbox", () => {
  const databaseName = `bookable_cluster_dev_${randomBytes(4).toString("hex")}`;
  const work = mkdtempSync(path.join(tmpdir(), "bookable-cluster-dev-"));
  let adminPool: pg.Pool | undefined;
  let server: ReturnType<typeof startBundle> | undefined;
  let baseUrl = "";

  beforeAll(async () => {
    adminPool = new pg.Pool({ connectionString: postgresAdminUrl ?? "", max: 1 });
    adminPool.on("error", () => {});
    await adminPool.query(`create database ${databaseName}`);
    const databaseUrl = new URL(postgresAdminUrl ?? "");
    databaseUrl.pathname = `/${databaseName}`;
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    // Two processes whatever the machine's CPUs (the default on PostgreSQL is one per CPU).
    server = startBundle({
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DATABASE_URL: databaseUrl.href,
      DATABASE_POOL_MAX: "4",
      WEB_CONCURRENCY: "2",
      LOG_LEVEL: "info",
      DATA_DIR: work,
      JWT_PRIVATE_KEY: await generateSigningKeyPem(),
      NOTIFICATION_SECRET_KEY: randomBytes(32).toString("base64url"),
    });
    await until(
      () => server?.lines.find((line) => line.msg?.includes("with 2 server processes")),
      () => server?.output() ?? "",
      150_000,
    );
  }, 180_000);

  afterAll(async () => {
    server?.child.kill("SIGKILL");
    await adminPool?.query(`drop database if exists ${databaseName} with (force)`).catch(() => {});
    await adminPool?.end();
    rmSync(work, { recursive: true, force: true });
  });

  let sequence = 0;
  /** The dev mailbox as one process shows it (a new connection each time, so the cluster alternates), and that process. */
  const readMailbox = async (): Promise<{ recipients: string[]; pid: number }> => {
    const id = `mailbox-${databaseName}-${++sequence}`;
    const response = await fetch(`${baseUrl}/trpc/dev.mailbox`, { headers: { connection: "close", "x-request-id": id } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { messages: { to: string }[] } } };
    const line = await until(
      () => server?.lines.find((entry) => entry.reqId === id && entry.msg === "request completed"),
      () => `log of ${id}`,
    );
    return { recipients: body.result.data.messages.map((message) => message.to), pid: line.pid ?? 0 };
  };

  it("shows an email on every process, whichever one delivered it", async () => {
    const email = `mailbox-${randomBytes(3).toString("hex")}@example.com`;
    const registered = await fetch(`${baseUrl}/api/v1/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "shared_mailbox", email, password: "long enough password" }),
    });
    expect(registered.status).toBe(201);
    // Delivered by one process's queue worker; then every read, on either process, shows it.
    await until(
      async () => ((await readMailbox()).recipients.includes(email) ? true : undefined),
      () => server?.output() ?? "",
    );
    const reads = [];
    for (let index = 0; index < 8; index++) reads.push(await readMailbox());
    expect(new Set(reads.map((read) => read.pid)).size).toBe(2);
    expect(reads.filter((read) => !read.recipients.includes(email))).toEqual([]);
  }, 120_000);
});
