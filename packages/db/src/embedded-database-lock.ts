import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";

/**
 * Another process has the embedded database open. PGlite is a single-process database: two processes on
 * one data folder each keep their own copy in memory and write over each other's files (issue 11, item 12).
 */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number | null,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another process${ownerPid ? ` (pid ${ownerPid})` : ""}. ` +
        "It can be opened by one process at a time; stop that process first. " +
        "If none is running, the lock of a crashed process goes stale within a minute: try again then.",
    );
    this.name = "EmbeddedDatabaseInUseError";
  }
}

interface LockOwner {
  pid: number;
  hostname: string;
}

// How long a lock whose owner cannot be checked (another host) outlives its last refresh.
const DEFAULT_STALE_MS = 60_000;

// The lock is a directory beside the data folder (`<dataDir>.lock`): PGlite owns everything inside it. Who
// holds it is written beside it, not in it: proper-lockfile watches the directory's mtime and removes it empty.
const lockPathOf = (dataDir: string) => `${dataDir}.lock`;
const ownerFileOf = (dataDir: string) => `${dataDir}.lock-owner.json`;
// Folders this process holds: a second open in the same process is refused like any other.
const heldHere = new Set<string>();

/**
 * Takes an exclusive lock on an embedded database folder, or fails at once with EmbeddedDatabaseInUseError.
 * proper-lockfile refreshes the lock's mtime while the process lives, so the lock of a process killed with
 * SIGKILL goes stale by itself; a lock whose owner is known to be dead on this host is taken over at once.
 * Resolves to the function that releases it.
 */
export async function lockEmbeddedDatabase(folder: string, staleMs = DEFAULT_STALE_MS): Promise<() => Promise<void>> {
  const dataDir = path.resolve(folder);
  const options = {
    realpath: false,
    lockfilePath: lockPathOf(dataDir),
    stale: staleMs,
    // Refreshed often but stale only after long: PGlite's start blocks the event loop for seconds on a busy
    // machine, and a lock not refreshed within `stale` counts as lost.
    update: Math.min(5_000, staleMs / 2),
    onCompromised(error: Error) {
      // Someone removed or took the lock while we wrote: stopping is safer than writing on.
      throw new Error(`Lost the lock on the embedded database ${dataDir}: ${error.message}`);
    },
  };
  mkdirSync(path.dirname(dataDir), { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (error) {
    if (!isLockedError(error)) throw error;
    const owner = readOwner(dataDir);
    if (heldHere.has(dataDir) || !owner || owner.hostname !== hostname() || isAlive(owner.pid))
      throw new EmbeddedDatabaseInUseError(dataDir, owner?.pid ?? null);
    rmSync(lockPathOf(dataDir), { recursive: true, force: true });
    try {
      release = await lockfile.lock(dataDir, options);
    } catch (retryError) {
      if (isLockedError(retryError)) throw new EmbeddedDatabaseInUseError(dataDir, readOwner(dataDir)?.pid ?? null);
      throw retryError;
    }
  }
  const owner: LockOwner = { pid: process.pid, hostname: hostname() };
  writeFileSync(ownerFileOf(dataDir), JSON.stringify(owner));
  heldHere.add(dataDir);
  return async () => {
    heldHere.delete(dataDir);
    rmSync(ownerFileOf(dataDir), { force: true });
    await release();
  };
}

function isLockedError(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === "ELOCKED";
}

function readOwner(dataDir: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(ownerFileOf(dataDir), "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" && typeof owner.hostname === "string"
      ? { pid: owner.pid, hostname: owner.hostname }
      : null;
  } catch {
    // Taken a moment ago and not yet written, or written by an older version: treat the owner as unknown.
    return null;
  }
}

function isAlive(pid: number): boolean {
  // A restarted container often runs as the same pid as its dead predecessor; this process's own locks
  // are in heldHere, so a lock naming our pid is the predecessor's.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
