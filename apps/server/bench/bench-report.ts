// The bench's one table (printed, and as Markdown for the README) and latest.json.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ScenarioResult } from "./scenario-result.js";

export interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  webConcurrency: number;
}

export interface LatestRun {
  finishedAt: string;
  machine: Machine;
  note: string;
  settings: Record<string, number | string>;
  results: ScenarioResult[];
  serverProblems: Record<string, number>;
  serverFirstErrors: string[];
}

const fixed = (value: number | null, digits = 0) => (value !== null && Number.isFinite(value) ? value.toFixed(digits) : "–");

const HEADER = ["scenario", "req/s", "× bare", "p50 ms", "p95 ms", "p99 ms", "errors", "timeouts", "shed (p99 ms)"];

function row(result: ScenarioResult): string[] {
  return [
    result.scenario,
    fixed(result.requestsPerSecond, 1),
    result.ratioToBaseline === null ? "–" : `${(result.ratioToBaseline * 100).toFixed(result.ratioToBaseline < 0.01 ? 2 : 1)} %`,
    fixed(result.latencyMs.p50),
    fixed(result.latencyMs.p95),
    fixed(result.latencyMs.p99),
    String(result.errors),
    String(result.timeouts),
    result.shed.count === 0 ? "0" : `${result.shed.count} (${fixed(result.shed.latencyMs.p99)})`,
  ];
}

export function machineLine(machine: Machine): string {
  return `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, WEB_CONCURRENCY ${machine.webConcurrency}, load average ${machine.loadAverageAtStart.join(" ")} at start and ${machine.loadAverageAtEnd.join(" ")} at the end`;
}

export function printTable(results: ScenarioResult[], machine: Machine): void {
  const rows = results.map(row);
  const widths = HEADER.map((title, column) => Math.max(title.length, ...rows.map((cells) => (cells[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join("  ");
  console.log("");
  console.log(machineLine(machine));
  console.log(line(HEADER));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const cells of rows) console.log(line(cells));
  console.log("");
  for (const result of results) {
    const statuses = Object.entries(result.statusCounts)
      .map(([status, count]) => `${status}: ${count}`)
      .join(", ");
    const cpu = result.cpu
      ? `; CPU: server ${fixed(result.cpu.server, 2)} cores, bench process ${fixed(result.cpu.benchProcess, 2)} cores`
      : "";
    const database = result.database
      ? `; PostgreSQL connections active max ${result.database.maxActiveConnections} (mean ${fixed(result.database.meanActiveConnections, 1)}) of ${result.database.maxConnections} open`
      : "";
    const after = result.afterLoad
      ? `; busy ${result.afterLoad.busySeconds === null ? "past the limit" : `${fixed(result.afterLoad.busySeconds, 1)} s`} after the load${result.afterLoad.restarted ? ", then restarted" : ""}`
      : "";
    console.log(`${result.scenario}: statuses ${statuses || "none"}${cpu}${database}${after}`);
    for (const note of result.notes) console.log(`  ${note}`);
  }
}

/** The table as Markdown (padded as Biome formats it, so `pnpm lint` stays clean), with the machine it ran on. */
export function markdownTable(run: LatestRun): string {
  const rows = [HEADER, ...run.results.map(row)];
  const widths = HEADER.map((_, column) => Math.max(3, ...rows.map((cells) => (cells[column] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(" | ")} |`;
  const separator = `| ${widths.map((width, column) => (column === 0 ? "-".repeat(width) : `${"-".repeat(width - 1)}:`)).join(" | ")} |`;
  const [header, ...body] = rows;
  const lines = [line(header ?? HEADER), separator, ...body.map(line)];
  return `${lines.join("\n")}\n\n${run.finishedAt.slice(0, 16).replace("T", " ")} UTC on ${machineLine(run.machine)}.`;
}

export function writeLatest(file: string, run: LatestRun): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
}
