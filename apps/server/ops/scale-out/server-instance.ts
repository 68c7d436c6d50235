import { type ChildProcess, spawn } from "node:child_process";
import { exited } from "@bookable/testing/child-process-exit";
import { httpRequest } from "./http-client.js";

/** One request as an instance's request log (pino, JSON lines) recorded it. */
export interface LoggedRequest {
  reqId: string;
  method?: string;
  url?: string;
  /** What the server took for the client IP (request.ip). */
  remoteAddress?: string;
  /** Set once "request completed" was logged. */
  statusCode?: number;
}

interface LogLine {
  level?: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string; remoteAddress?: string };
  res?: { statusCode?: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The production bundle as a child process, with its request log parsed as it is written: which
 * requests (by x-request-id, which the server keeps as its request id) it received and answered.
 */
export class ServerInstance {
  readonly requests = new Map<string, LoggedRequest>();
  /** Lines at level error or above, and lines that are not JSON (stack traces, crashes). */
  readonly problems: string[] = [];
  private readonly tail: string[] = [];
  private partial = "";
  private child: ChildProcess | undefined;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly bundle: string,
    private readonly env: Record<string, string>,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    const child = spawn(process.execPath, [this.bundle], { env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    child.stdout?.on("data", (chunk: Buffer) => this.write(chunk));
    child.stderr?.on("data", (chunk: Buffer) => this.write(chunk));
  }

  /** Polls /readyz directly until it answers 200. */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited during start (${this.exitDescription()}):\n${this.logTail()}`);
      try {
        if ((await httpRequest(`${this.baseUrl}/readyz`, { timeoutMs: 2_000 })).status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs / 1000} s:\n${this.logTail()}`);
  }

  /** SIGKILL: the process dies at once, whatever it was doing. Resolves once it has exited. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill("SIGKILL");
    await exited(child, 10_000);
  }

  /** SIGTERM, then SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill("SIGTERM");
    if (await exited(child, 10_000)) return;
    console.warn(`${this.name} did not stop within 10 s of SIGTERM; sending SIGKILL.`);
    child.kill("SIGKILL");
    await exited(child, 5_000);
  }

  /** Requests whose id starts with `prefix`, as logged. */
  requestsWithPrefix(prefix: string): LoggedRequest[] {
    return [...this.requests.values()].filter((request) => request.reqId.startsWith(prefix));
  }

  logTail(): string {
    return this.tail.join("\n");
  }

  private exitDescription(): string {
    return String(this.child?.exitCode ?? this.child?.signalCode);
  }

  private write(chunk: Buffer) {
    const lines = (this.partial + chunk.toString("utf8")).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      this.tail.push(line);
      if (this.tail.length > 60) this.tail.shift();
      let parsed: LogLine;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        this.problems.push(line);
        continue;
      }
      if ((parsed.level ?? 0) >= 50) this.problems.push(line);
      if (!parsed.reqId) continue;
      const known = this.requests.get(parsed.reqId) ?? { reqId: parsed.reqId };
      if (parsed.req) {
        if (parsed.req.method !== undefined) known.method = parsed.req.method;
        if (parsed.req.url !== undefined) known.url = parsed.req.url;
        if (parsed.req.remoteAddress !== undefined) known.remoteAddress = parsed.req.remoteAddress;
      }
      if (parsed.msg === "request completed" && parsed.res?.statusCode !== undefined) known.statusCode = parsed.res.statusCode;
      this.requests.set(parsed.reqId, known);
    }
  }
}
