// The artefact the Dockerfile ships, built by the same script and started with the same command
// (no Docker engine runs here, so the image itself is not built; its contents are proven instead).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@bookable/testing/free-port";
import { waitForReady } from "@bookable/testing/wait-for-ready";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));

describe("the production artefact", () => {
  const work = mkdtempSync(path.join(tmpdir(), "bookable-artifact-"));
  const artifact = path.join(work, "app");
  const dataDir = path.join(work, "data");
  let server: ChildProcess | undefined;
  let baseUrl = "";
  let output = "";

  const environment = (extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    LOG_LEVEL: "info",
    ...extra,
  });

  beforeAll(async () => {
    const assembled = spawnSync("sh", ["scripts/assemble-server.sh", artifact], { cwd: repositoryRoot, encoding: "utf8" });
    expect(assembled.status, assembled.stderr).toBe(0);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ["dist/main.js"], {
      cwd: artifact,
      env: environment({ HOST: "127.0.0.1", PORT: String(port), PUBLIC_URL: baseUrl }),
    });
    server.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    server.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    let exitCode: number | null | undefined;
    server.once("exit", (code) => {
      exitCode = code;
    });
    await waitForReady(`${baseUrl}/readyz`, () => `exit code ${String(exitCode)}\n${output}`);
  }, 240_000);

  afterAll(() => {
    server?.kill("SIGKILL");
    rmSync(work, { recursive: true, force: true });
  });

  it("holds the bundle, migrations and web app, and no sources, source maps or workspace packages", () => {
    expect(existsSync(path.join(artifact, "dist/main.js"))).toBe(true);
    expect(existsSync(path.join(artifact, "dist/migrate.js"))).toBe(true);
    expect(readdirSync(path.join(artifact, "dist/migrations")).some((file) => file.endsWith(".sql"))).toBe(true);
    expect(existsSync(path.join(artifact, "dist/public/index.html"))).toBe(true);
    expect(existsSync(path.join(artifact, "src"))).toBe(false);
    const files = readdirSync(artifact, { recursive: true, encoding: "utf8" }).filter((file) => !file.startsWith("node_modules"));
    expect(files.filter((file) => file.endsWith(".map"))).toEqual([]);
    expect(existsSync(path.join(artifact, "node_modules/@bookable"))).toBe(false);
  });

  it("serves the web app, the API and the reference page", async () => {
    const page = await fetch(`${baseUrl}/sign-up`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const created = await fetch(`${baseUrl}/api/v1/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "prod_user", email: "prod@example.com", password: "long enough" }),
    });
    expect(created.status).toBe(201);
    const refused = await fetch(`${baseUrl}/api/v1/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "x" }),
    });
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { errorId: string } };
    await expect.poll(() => output).toContain(error.errorId);
    expect((await fetch(`${baseUrl}/api/docs/`)).status).toBe(200);
  });

  it("does not serve the development pages in production, not even the web app's page for them", async () => {
    for (const pathname of ["/dev/mailbox", "/dev/checkout/cs_local_x", "/%64ev/mailbox"]) {
      const page = await fetch(`${baseUrl}${pathname}`, { headers: { accept: "text/html" } });
      expect(page.status, pathname).toBe(404);
      expect(await page.text(), pathname).not.toContain('<div id="root">');
    }
  });

  it("runs migrations as a one-off command", () => {
    const migrated = spawnSync(process.execPath, ["dist/migrate.js"], {
      cwd: artifact,
      env: environment({ DATA_DIR: path.join(work, "other-data") }),
      encoding: "utf8",
    });
    expect(migrated.status, migrated.stderr).toBe(0);
    expect(migrated.stdout).toContain("Migrations applied");
  });

  it("refuses to start with a bad setting, naming it", () => {
    const refused = spawnSync(process.execPath, ["dist/main.js"], {
      cwd: artifact,
      env: environment({ PORT: "eighty", DATABASE_URL: "mysql://x" }),
      encoding: "utf8",
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("PORT:");
    expect(refused.stderr).toContain("DATABASE_URL:");
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => server?.once("exit", (code) => resolve(code)));
    server?.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
