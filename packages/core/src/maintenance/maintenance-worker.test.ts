// Scheduled work in the worker (issue 14): two worker processes on one PostgreSQL share the payments sweep and
// the retention prune through pg-boss, and never run the same one twice at once.
import { type DatabaseHandle, type JobQueue, startJobQueue } from "@bookable/db";
import { openTestDatabase, testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { prepareMaintenanceQueues, RETENTION_PRUNE_CRON, RETENTION_PRUNE_QUEUE } from "./maintenance-queues.js";
import { type MaintenanceTasks, startMaintenanceWorker } from "./maintenance-worker.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A task that takes `durationMs` and records how many copies of it ran at once, across every worker. */
function instrumentedTask(durationMs: number) {
  const record = { runs: 0, running: 0, mostAtOnce: 0 };
  const run = async () => {
    record.running += 1;
    record.mostAtOnce = Math.max(record.mostAtOnce, record.running);
    await sleep(durationMs);
    record.running -= 1;
    record.runs += 1;
  };
  return { record, run };
}

const postgres = testDatabaseTargets(inject("postgresAdminUrl")).filter((target) => target.driver === "postgres");

describe.skipIf(postgres.length === 0).each(postgres)("scheduled jobs with two workers on $driver", (target) => {
  let database: DatabaseHandle;
  const workers: { jobs: JobQueue; stop: () => void }[] = [];
  // A sweep longer than its interval: the next one is due while it still runs.
  const sweep = instrumentedTask(1200);
  const prune = instrumentedTask(1500);
  const tasks: MaintenanceTasks = { sweepPayments: sweep.run, pruneExpiredRows: prune.run };

  beforeAll(async () => {
    database = await openTestDatabase(target);
    // Two processes starting at the same moment: both prepare the queues and the schedule.
    const queues = await Promise.all(
      [1, 2].map(() => startJobQueue(database, { supervise: true, listen: true, schedule: true, pollingIntervalSeconds: 0.5 })),
    );
    await Promise.all(queues.map((jobs) => prepareMaintenanceQueues(jobs)));
    for (const jobs of queues) {
      const stop = await startMaintenanceWorker(jobs, tasks, { sweepIntervalSeconds: 1, pollingIntervalSeconds: 0.5 });
      workers.push({ jobs, stop });
    }
  });
  afterAll(async () => {
    for (const worker of workers) {
      worker.stop();
      await worker.jobs.stop({ graceful: false });
    }
    await database?.close();
  });

  it("schedules the retention prune once with pg-boss cron", async () => {
    const [jobs] = workers.map((worker) => worker.jobs);
    const schedules = (await jobs?.getSchedules(RETENTION_PRUNE_QUEUE)) ?? [];
    expect(schedules.map((schedule) => schedule.cron)).toEqual([RETENTION_PRUNE_CRON]);
  });

  it("sweeps at most once a second between both workers, never two sweeps at once", async () => {
    const started = Date.now();
    const runsBefore = sweep.record.runs;
    await sleep(6_000);
    const seconds = (Date.now() - started) / 1000;
    const runs = sweep.record.runs - runsBefore;
    // Both workers ask every second; at most one sweep per second is sent, and one waits for the other.
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    expect(sweep.record.mostAtOnce).toBe(1);
  });

  it("runs a prune sent by both workers one at a time", async () => {
    const [first, second] = workers.map((worker) => worker.jobs);
    if (!first || !second) throw new Error("two workers expected");
    // As two cron passes (or an operator and a pass) might: jobs sent from both while one is still running.
    await first.send(RETENTION_PRUNE_QUEUE, {});
    await sleep(300);
    await Promise.all([second.send(RETENTION_PRUNE_QUEUE, {}), first.send(RETENTION_PRUNE_QUEUE, {})]);
    const deadline = Date.now() + 15_000;
    while ((prune.record.runs < 2 || prune.record.running > 0) && Date.now() < deadline) await sleep(100);
    expect(prune.record.runs).toBeGreaterThanOrEqual(2);
    expect(prune.record.mostAtOnce).toBe(1);
  });

  it("stops asking for sweeps once stopped", async () => {
    for (const worker of workers) worker.stop();
    // What was already sent still runs: one active and one queued sweep (stately), 1.2 s each, then a poll.
    await sleep(4_000);
    const runs = sweep.record.runs;
    await sleep(2_500);
    expect(sweep.record.runs).toBe(runs);
  });
});
