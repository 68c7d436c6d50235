import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { httpRequest } from "./http-client.js";

/** Debian's nginx package; CI installs it (.ci/run), tests that need it are skipped without it. */
export const NGINX_BINARY = "/usr/sbin/nginx";

export const nginxTemplate = fileURLToPath(new URL("../../../../deploy/load-balancer/nginx.conf.template", import.meta.url));

export interface NginxOptions {
  /** A fresh folder for the rendered config, logs, temp files and the pid file. */
  workDir: string;
  listenPort: number;
  upstreamPorts: number[];
  /** The (loopback) address nginx connects to the instances from. */
  proxyBind: string;
}

/** Fills in the committed template (deploy/load-balancer/nginx.conf.template). */
export function renderNginxConfig(template: string, options: Omit<NginxOptions, "workDir">): string {
  const values: Record<string, string> = {
    LISTEN_ADDRESS: `127.0.0.1:${options.listenPort}`,
    UPSTREAM_SERVERS: options.upstreamPorts
      .map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=10s;`)
      .join("\n"),
    PROXY_BIND: options.proxyBind,
  };
  const rendered = template.replace(/\{\{([A-Z_]+)\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`unknown placeholder ${placeholder} in the nginx template`);
    return value;
  });
  return rendered;
}

/** nginx as a foreground child process (daemon off) with a config of its own in `workDir`. */
export class Nginx {
  private child: ChildProcess | undefined;
  private output = "";

  constructor(private readonly options: NginxOptions) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.options.listenPort}`;
  }

  get errorLogFile(): string {
    return path.join(this.options.workDir, "logs", "error.log");
  }

  async start(): Promise<void> {
    const { workDir } = this.options;
    mkdirSync(path.join(workDir, "logs"), { recursive: true });
    mkdirSync(path.join(workDir, "temp"), { recursive: true });
    // Started as root, nginx's workers run as "nobody" and must reach the temp folders.
    chmodSync(workDir, 0o755);
    chmodSync(path.join(workDir, "temp"), 0o755);
    const configFile = path.join(workDir, "nginx.conf");
    writeFileSync(configFile, renderNginxConfig(readFileSync(nginxTemplate, "utf8"), this.options));
    const child = spawn(
      NGINX_BINARY,
      [
        "-p",
        `${workDir}/`,
        "-c",
        configFile,
        "-e",
        this.errorLogFile,
        "-g",
        `daemon off; pid ${path.join(workDir, "nginx.pid")};`,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child = child;
    child.stdout?.on("data", (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}):\n${this.output}\n${this.errorLog()}`);
      }
      try {
        if ((await httpRequest(`${this.baseUrl}/readyz`, { timeoutMs: 2_000 })).status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nginx did not pass /readyz through within 15 s:\n${this.output}\n${this.errorLog()}`);
  }

  errorLog(): string {
    return existsSync(this.errorLogFile) ? readFileSync(this.errorLogFile, "utf8") : "";
  }

  /** SIGQUIT (graceful), then SIGTERM after 5 s, then SIGKILL. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    for (const signal of ["SIGQUIT", "SIGTERM", "SIGKILL"] as const) {
      const exited = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      child.kill(signal);
      if (await exited) return;
    }
  }
}
