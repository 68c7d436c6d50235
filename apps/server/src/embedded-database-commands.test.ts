// The README's commands on the default embedded database, as a developer runs them (issue 11, item 12):
// `pnpm db:seed` with the server running used to exit 0 while both processes wrote the same PGlite files,
// and every resource then answered 404, also after a restart. Now a second process is refused before it
// touches a file, and no documented sequence of commands loses or corrupts data.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@bookable/testing/free-port";
import { waitForReady } from "@bookable/testing/wait-for-ready";
import { afterAll, describe, expect, it } from "vitest";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
const serverDirectory = path.join(repositoryRoot, "apps/server");

interface CommandResult {
  status: number | null;
  output: string;
}

interface RunningServer {
  baseUrl: string;
  output: () => string;
  /** Sends SIGTERM (or the given signal) unless it has exited, and resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

describe("the embedded database with the README's commands", () => {
  const work = mkdtempSync(path.join(tmpdir(), "bookable-embedded-"));
  const dataDir = path.join(work, "data");
  const environment = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? work, DATA_DIR: dataDir, LOG_LEVEL: "info" };
  const running: RunningServer[] = [];

  afterAll(async () => {
    for (const server of running) await server.stop();
    rmSync(work, { recursive: true, force: true });
  });

  /** `pnpm start` without its build step: the bundle `pnpm test` has just built. */
  async function startServer(extra: Record<string, string> = {}): Promise<RunningServer> {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ["dist/main.js"], {
      cwd: serverDirectory,
      env: { ...environment, HOST: "127.0.0.1", PORT: String(port), PUBLIC_URL: baseUrl, ...extra },
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const server: RunningServer = {
      baseUrl,
      output: () => output,
      async stop(signal = "SIGTERM") {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        return exited;
      },
    };
    running.push(server);
    await waitForReady(`${baseUrl}/readyz`, () => output);
    return server;
  }

  it("refuses `pnpm db:seed` and `pnpm db:migrate` while the server runs, and the server's data stays intact", async () => {
    const server = await startServer();
    const before = await resourceIds(server.baseUrl);

    const seed = await pnpm(["db:seed"], environment);
    expect(seed.status, seed.output).toBe(1);
    expect(seed.output).toContain("in use by another process");
    expect(seed.output).toContain("SEED_DEMO_DATA=true pnpm start");
    const migrate = await pnpm(["db:migrate"], environment);
    expect(migrate.status, migrate.output).toBe(1);
    expect(migrate.output).toContain("in use by another process");

    // A second server on the same folder is refused the same way, and says so in one line.
    const second = spawn(process.execPath, ["dist/main.js"], {
      cwd: serverDirectory,
      env: { ...environment, HOST: "127.0.0.1", PORT: String(await freePort()) },
    });
    let secondOutput = "";
    second.stderr.on("data", (chunk: Buffer) => {
      secondOutput += chunk.toString();
    });
    expect(await new Promise((resolve) => second.once("exit", resolve))).toBe(1);
    expect(secondOutput).toContain("in use by another process");

    expect(await resourceIds(server.baseUrl)).toEqual(before);
    expect(await server.stop()).toBe(0);
  }, 240_000);

  it("seeds with the server stopped, or at start with SEED_DEMO_DATA=true, and every resource survives restarts", async () => {
    const seed = await pnpm(["db:seed"], environment);
    expect(seed.status, seed.output).toBe(0);
    expect(seed.output).toMatch(/\d+ created/);

    const seeding = await startServer({ SEED_DEMO_DATA: "true" });
    expect(seeding.output()).toContain("demo data seeded (SEED_DEMO_DATA)");
    const ids = await resourceIds(seeding.baseUrl);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    await expectEveryResourceServed(seeding.baseUrl, ids);
    expect(await seeding.stop()).toBe(0);

    const restarted = await startServer();
    expect(await resourceIds(restarted.baseUrl)).toEqual(ids);
    await expectEveryResourceServed(restarted.baseUrl, ids);
    expect(await restarted.stop()).toBe(0);
  }, 240_000);

  it("starts at once after the previous server was killed with SIGKILL", async () => {
    const killed = await startServer();
    const ids = await resourceIds(killed.baseUrl);
    await killed.stop("SIGKILL");

    const next = await startServer();
    expect(await resourceIds(next.baseUrl)).toEqual(ids);
    expect(await next.stop()).toBe(0);
  }, 240_000);
});

async function resourceIds(baseUrl: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api/v1/resources?limit=100`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: { id: string }[] };
  return body.items.map((item) => item.id).sort();
}

async function expectEveryResourceServed(baseUrl: string, ids: string[]) {
  for (const id of ids) expect((await fetch(`${baseUrl}/api/v1/resources/${id}`)).status, id).toBe(200);
}

function pnpm(args: string[], environment: Record<string, string>): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn("pnpm", args, { cwd: repositoryRoot, env: environment });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("exit", (status) => resolve({ status, output }));
  });
}
