// Scenario 1 of issue 12: reads under a closed loop of 1000 connections. A month of free slots
// (GET /availability, 30 days of 15-minute slots) rotating over 4 resources, then the day summary of the
// same months (GET /availability/days: free slots and first free start per date), when the server has it.
import type { BenchDatabase } from "./bench-database.js";
import { runClosedLoop } from "./closed-loop.js";
import { statusOf } from "./http-setup.js";
import { type ScenarioResult, unavailable } from "./scenario-result.js";
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
  const results: ScenarioResult[] = [];

  const monthTarget = `GET /api/v1/resources/{id}/availability (30 days, ${month.length} resources rotating)`;
  const monthReads = await runClosedLoop({
    scenario: "1a. reads: month of slots",
    target: monthTarget,
    url: context.server.baseUrl,
    durationSeconds: context.durationSeconds,
    requests: month.map((path) => ({ method: "GET", path })),
    server: context.server,
    database: context.database,
  });
  results.push(monthReads);
  await context.settle(monthReads);

  const daysTarget = `GET /api/v1/resources/{id}/availability/days (30 days, ${days.length} resources rotating)`;
  const probe = await statusOf(context.server.baseUrl, days[0] ?? "");
  if (probe === 404) {
    console.log("Day summary (GET /availability/days): not available (404) on this server.");
    results.push(unavailable("1b. reads: day summary", daysTarget, "not available: the server answered 404"));
    return results;
  }
  const dayReads = await runClosedLoop({
    scenario: "1b. reads: day summary",
    target: daysTarget,
    url: context.server.baseUrl,
    durationSeconds: context.durationSeconds,
    requests: days.map((path) => ({ method: "GET", path })),
    server: context.server,
    database: context.database,
  });
  results.push(dayReads);
  await context.settle(dayReads);
  return results;
}
