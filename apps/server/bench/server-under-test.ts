// The production bundle under load: a child process (a cluster primary and its workers with WEB_CONCURRENCY
// > 1), its log digested, its CPU time read from /proc, restarted between scenarios when it cannot catch up.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { exited } from "@bookable/testing/child-process-exit";
import { z } from "zod";
import { onCleanup, sleep } from "./bench-lifecycle.js";

export const HOST = "127.0.0.1";

export function freePort(): Promise<number> {
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

const logLine = z.object({ level: z.number(), msg: z.string().optional() });

/** The server's log lines: the last few kept for failures, warnings and errors counted by message. */
export class ServerLog {
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
      const parsed = logLine.safeParse(safeJson(line));
      const key = parsed.success ? `level ${parsed.data.level}: ${parsed.data.msg ?? "(no message)"}` : line.slice(0, 160);
      if (!parsed.success || parsed.data.level >= 40) this.problems.set(key, (this.problems.get(key) ?? 0) + 1);
      if ((!parsed.success || parsed.data.level >= 50) && this.firstErrors.length < 3) this.firstErrors.push(line.slice(0, 4000));
    }
  }
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export class ServerUnderTest {
  private child: ChildProcess | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly bundle: string,
    private readonly cwd: string,
    private readonly env: Record<string, string>,
    private readonly log: ServerLog,
    private readonly nodeFlags: string[] = [],
  ) {
    onCleanup("stop the server", () => this.stop());
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [...this.nodeFlags, this.bundle], {
      cwd: this.cwd,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    child.stdout?.on("data", (chunk: Buffer) => this.log.write(chunk));
    child.stderr?.on("data", (chunk: Buffer) => this.log.write(chunk));
    // /readyz answers once one server process listens; the others follow within a second or two, and the
    // first scenario (the baseline) does not use the server, so by its end all of them serve.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`The server exited during start (${child.exitCode ?? child.signalCode}):\n${this.log.tail.join("\n")}`);
      }
      if (await answers(`${this.baseUrl}/readyz`)) {
        console.log(`Server (pid ${child.pid}) ready at ${this.baseUrl}.`);
        return;
      }
      await sleep(200);
    }
    throw new Error(`The server was not ready within 90 s:\n${this.log.tail.join("\n")}`);
  }

  /** SIGTERM, then SIGKILL after 30 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const processes = [child.pid ?? 0, ...childPids(child.pid)];
    child.kill("SIGTERM");
    if (await exited(child, 30_000)) {
      console.log(`Server stopped (SIGTERM, exit code ${child.exitCode}).`);
      return;
    }
    console.error("Server did not stop within 30 s of SIGTERM; sending SIGKILL.");
    for (const pid of processes) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await exited(child, 5_000);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
    // Time for every server process to listen, not only the first (see start).
    await sleep(3_000);
  }

  /** CPU seconds used so far by the server's processes (the primary and its workers); null off Linux. */
  cpuSeconds(): number | null {
    const pid = this.child?.pid;
    const own = processCpuSeconds(pid);
    if (own === null) return null;
    return childPids(pid).reduce((sum, child) => sum + (processCpuSeconds(child) ?? 0), own);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Fields of /proc/PID/stat after the command name (which is in parentheses and may hold spaces). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

function childPids(parent: number | undefined): number[] {
  if (parent === undefined || !existsSync("/proc")) return [];
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => Number(statFields(pid)?.[1]) === parent);
}

function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const fields = statFields(pid);
  if (!fields) return null;
  const ticks = Number(fields[11]) + Number(fields[12]); // utime and stime, fields 14 and 15 of stat.
  return Number.isFinite(ticks) ? ticks / 100 : null; // USER_HZ is 100 on Linux.
}

/**
 * Seconds until the server answers /healthz quickly (under 250 ms, three times in a row), or null if it
 * does not within `limitMs`. After a client gives up on a request the server still works it off, so an
 * overloaded server stays busy after the load stops; the next scenario must not start on that backlog.
 */
export async function secondsUntilIdle(baseUrl: string, limitMs: number): Promise<number | null> {
  const started = performance.now();
  let quick = 0;
  while (performance.now() - started < limitMs) {
    const sent = performance.now();
    try {
      const response = await fetch(`${baseUrl}/healthz`, {
        // An integer: Node 24 refuses a fractional delay (RangeError), which made every probe "fail" and
        // the server look busy for the whole limit after every scenario.
        signal: AbortSignal.timeout(Math.max(100, Math.ceil(limitMs - (sent - started)))),
      });
      await response.arrayBuffer();
      // 250 ms: on this shared machine (load average ~10 on 2 cores) an idle server answered in 3–130 ms, while
      // one working off a backlog of abandoned requests takes seconds.
      quick = response.ok && performance.now() - sent < 250 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    if (quick >= 3) return (performance.now() - started) / 1000;
    await sleep(100);
  }
  return null;
}
