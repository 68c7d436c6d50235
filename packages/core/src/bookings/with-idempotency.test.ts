import { type DatabaseHandle, idempotencyKeys, users } from "@bookable/db";
import { openTestDatabase } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stableJson, withIdempotency } from "./with-idempotency.js";

describe("idempotency keys", () => {
  let database: DatabaseHandle;
  let userId: string;

  beforeAll(async () => {
    database = await openTestDatabase({ driver: "pglite" });
    const [user] = await database.db.insert(users).values({ username: "keyholder", email: "keys@example.com" }).returning();
    userId = user?.id ?? "";
  });
  afterAll(async () => {
    await database?.close();
  });

  it("hashes bodies regardless of key order", () => {
    expect(stableJson({ b: 1, a: { d: [1, 2], c: "x" } })).toBe(stableJson({ a: { c: "x", d: [1, 2] }, b: 1 }));
    expect(stableJson({ a: 1 })).not.toBe(stableJson({ a: 2 }));
  });

  it("lets a key whose first request died (still in progress after two minutes) be used again", async () => {
    let runs = 0;
    const create = async () => ({ run: ++runs });
    const longAgo = new Date(Date.now() - 3 * 60_000);
    await database.db.insert(idempotencyKeys).values({ userId, key: "crashed", requestHash: "whatever", createdAt: longAgo });
    expect(await withIdempotency(database.db, userId, "crashed", { a: 1 }, create)).toEqual({ run: 1 });
    expect(await withIdempotency(database.db, userId, "crashed", { a: 1 }, create)).toEqual({ run: 1 });
    expect(runs).toBe(1);
  });
});
