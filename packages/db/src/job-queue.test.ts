// The job queue on both databases: a job sent inside a transaction exists only if the transaction commits.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "./database.js";
import { inTransaction, type JobQueue, startJobQueue } from "./job-queue.js";
import { users } from "./schema.js";
import { openTestDatabase, testDatabaseTargets } from "./testing/test-database.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("job queue on $driver", (target) => {
  let database: DatabaseHandle;
  let queue: JobQueue;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    queue = await startJobQueue(database, { supervise: false });
    await queue.createQueue("test-jobs");
  });
  afterAll(async () => {
    await queue?.stop({ graceful: false });
    await database?.close();
  });

  it("keeps a job sent in a committed transaction, with the transaction's own writes", async () => {
    await database.db.transaction(async (transaction) => {
      await transaction.insert(users).values({ username: "queued", email: "queued@example.com", passwordHash: "x" });
      await queue.send("test-jobs", { n: 1 }, { db: inTransaction(transaction) });
    });
    const [job] = await queue.fetch<{ n: number }>("test-jobs");
    expect(job?.data).toEqual({ n: 1 });
  });

  it("drops a job sent in a transaction that rolls back", async () => {
    await expect(
      database.db.transaction(async (transaction) => {
        await queue.send("test-jobs", { n: 2 }, { db: inTransaction(transaction) });
        throw new Error("the business change failed");
      }),
    ).rejects.toThrow("the business change failed");
    expect(await queue.fetch("test-jobs")).toEqual([]);
  });
});
