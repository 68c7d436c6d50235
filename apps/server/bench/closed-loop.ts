// A closed loop with autocannon: 1000 connections (benchScale), each sending its next request as soon as the
// last one is answered, for a fixed time. Every response is tallied through autocannon's per-response hook,
// so shed (503) answers are counted apart from the accepted ones.
import autocannon from "autocannon";
import { type BenchDatabase, startConnectionSampler } from "./bench-database.js";
import { benchScale } from "./bench-scale.js";
import { ResponseTally, type ScenarioResult } from "./scenario-result.js";
import type { ServerUnderTest } from "./server-under-test.js";

/** autocannon's own per-request timeout: a response slower than this counts as a timeout, not a latency. */
export const REQUEST_TIMEOUT_SECONDS = 10;

export interface ClosedLoopOptions {
  scenario: string;
  target: string;
  url: string;
  durationSeconds: number;
  requests?: autocannon.Request[];
  /** Statuses that are outcomes rather than errors (e.g. 409 SLOT_TAKEN for bookings). */
  expectedStatuses?: number[];
  server?: ServerUnderTest | undefined;
  database?: BenchDatabase | undefined;
}

export async function runClosedLoop(options: ClosedLoopOptions): Promise<ScenarioResult> {
  console.log(`Running "${options.scenario}": ${benchScale.connections} connections for ${options.durationSeconds} s…`);
  const tally = new ResponseTally(options.expectedStatuses);
  const sampler = options.database ? await startConnectionSampler(options.database) : undefined;
  const serverCpuBefore = options.server?.cpuSeconds() ?? null;
  const benchCpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  let done: autocannon.Result;
  let database: Awaited<ReturnType<NonNullable<typeof sampler>["stop"]>> | undefined;
  try {
    done = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: options.url,
          connections: benchScale.connections,
          duration: options.durationSeconds,
          timeout: REQUEST_TIMEOUT_SECONDS,
          ...(options.requests ? { requests: options.requests } : {}),
        },
        (error: unknown, finished: autocannon.Result) => (error ? reject(error) : resolve(finished)),
      );
      instance.on("response", (_client, statusCode, _bytes, responseTime) => tally.response(statusCode, responseTime));
    });
  } finally {
    database = await sampler?.stop();
  }
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const serverCpuAfter = options.server?.cpuSeconds() ?? null;
  // autocannon counts a timeout also as an error; the tally counts each request without an answer once.
  tally.timeouts = done.errors;
  const result = tally.result({
    scenario: options.scenario,
    target: options.target,
    connections: benchScale.connections,
    durationSeconds: options.durationSeconds,
  });
  result.cpu = {
    server: serverCpuBefore !== null && serverCpuAfter !== null ? (serverCpuAfter - serverCpuBefore) / wallSeconds : null,
    benchProcess: (benchCpu.user + benchCpu.system) / 1e6 / wallSeconds,
  };
  result.database = database ?? null;
  if (done.timeouts > 0)
    result.notes.push(`${done.timeouts} of the ${done.errors} unanswered requests timed out (${REQUEST_TIMEOUT_SECONDS} s)`);
  return result;
}
