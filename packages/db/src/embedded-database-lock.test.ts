// One process per embedded database folder (issue 11, item 12): a second opener fails fast and touches
// nothing; a lock left by a dead process does not keep the database closed.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDatabase } from "./create-database.js";
import type { DatabaseHandle } from "./database.js";
import { EmbeddedDatabaseInUseError } from "./embedded-database-lock.js";
import { migrationsFolder } from "./migrations-folder.js";
import { users } from "./schema.js";

describe("the embedded database's folder lock", () => {
  const work = mkdtempSync(path.join(tmpdir(), "bookable-lock-"));
  const opened: DatabaseHandle[] = [];
  const open = async (dataDir: string) => {
    const database = await createDatabase({ dataDir });
    opened.push(database);
    return database;
  };
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close().catch(() => {});
  });

  it("refuses a second opener while the first has it open, and lets it in once the first closed", async () => {
    const dataDir = path.join(work, "second-opener");
    const first = await open(dataDir);
    await first.migrate(migrationsFolder);
    await first.db.insert(users).values({ username: "kept", email: "kept@example.com" });

    const refusal = await createDatabase({ dataDir }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(EmbeddedDatabaseInUseError);
    expect(String(refusal)).toContain(`in use by another process (pid ${process.pid})`);

    await first.close();
    opened.length = 0;
    const second = await open(dataDir);
    const rows = await second.db.select({ username: users.username }).from(users);
    expect(rows).toEqual([{ username: "kept" }]);
  });

  it("refuses while a live process on this host holds the lock", async () => {
    const dataDir = path.join(work, "live-owner");
    // The parent of this test process is alive for as long as the test runs.
    writeLock(dataDir, { pid: process.ppid, hostname: hostname() });
    await expect(createDatabase({ dataDir })).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
  });

  it("takes over at once the fresh lock of a process that died (SIGKILL leaves it behind)", async () => {
    const dataDir = path.join(work, "dead-owner");
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeLock(dataDir, { pid: Number(child.stdout), hostname: hostname() });
    const database = await open(dataDir);
    await database.ping();
  });

  it("takes over a stale lock whose owner is unknown (another host, or a crash before it was written)", async () => {
    const dataDir = path.join(work, "stale-unknown-owner");
    writeLock(dataDir, { pid: 1, hostname: "another-host" });
    await expect(createDatabase({ dataDir })).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
    const longAgo = new Date(Date.now() - 10 * 60_000);
    utimesSync(`${dataDir}.lock`, longAgo, longAgo);
    const database = await open(dataDir);
    await database.ping();
  });

  it("leaves no lock behind on close", async () => {
    const dataDir = path.join(work, "released");
    await (await createDatabase({ dataDir })).close();
    const again = await open(dataDir);
    await again.ping();
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));
});

function writeLock(dataDir: string, owner: { pid: number; hostname: string }) {
  mkdirSync(`${dataDir}.lock`, { recursive: true });
  writeFileSync(`${dataDir}.lock-owner.json`, JSON.stringify(owner));
}
