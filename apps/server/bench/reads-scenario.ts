// Scenario 1 of issue 12: reads under a closed loop of 1000 connections. A month of free slots
// (GET /availability, 30 days of 15-minute slots) rotating over 4 resources, then the day summary of the
// same months (GET /availability/days: free slots and first free start per date).
import type { BenchDatabase } from "./bench-database.js";
import { runClosedLoop } from "./closed-loop.js";
import type { ScenarioResult } from "./scenario-result.js";
import type { ServerUnderTest } from "./server-under-test.js";

const DAY_MS = 24 * 3600_000;

export interface ReadScenarioContext {
  server: ServerUnderTest;
  database: BenchDatabase;
  resourceIds: string[];
  /** UTC midnight after today: windows start there, clear of "now". */
  tomorrow: Date;
  durationSeconds: number;
  /** Called after each run against the server, to let it settle (or restart it) before the next. */
  settle: (result: ScenarioResult) => Promise<void>;
}

export function monthWindow(from: Date): string {
  return new URLSearchParams({ from: from.toISOString(), to: new Date(from.getTime() + 30 * DAY_MS).toISOString() }).toString();
}

export async function runReadScenarios(context: ReadScenarioContext): Promise<ScenarioResult[]> {
  const query = monthWindow(context.tomorrow);
  const month = context.resourceIds.map((id) => `/api/v1/resources/${id}/availability?${query}`);
  const days = context.resourceIds.map((id) => `/api/v1/resources/${id}/availability/days?${query}`);
  const runs = [
    {
      scenario: "1a. reads: month of slots",
      target: `GET /api/v1/resources/{id}/availability (30 days, ${month.length} resources rotating)`,
      paths: month,
    },
    {
      scenario: "1b. reads: day summary",
      target: `GET /api/v1/resources/{id}/availability/days (30 days, ${days.length} resources rotating)`,
      paths: days,
    },
  ];
  const results: ScenarioResult[] = [];
  for (const run of runs) {
    const result = await runClosedLoop({
      scenario: run.scenario,
      target: run.target,
      url: context.server.baseUrl,
      durationSeconds: context.durationSeconds,
      requests: run.paths.map((path) => ({ method: "GET", path })),
      server: context.server,
      database: context.database,
    });
    results.push(result);
    await context.settle(result);
  }
  return results;
}
