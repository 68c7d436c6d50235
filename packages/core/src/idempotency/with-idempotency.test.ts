import { type DatabaseHandle, idempotencyKeys, users } from "@bookable/db";
import { openTestDatabase } from "@bookable/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdempotencyCipher } from "./idempotency-cipher.js";
import { stableJson, withIdempotency } from "./with-idempotency.js";

const cipher = createIdempotencyCipher("a server secret of at least thirty-two characters");

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
    const key = cipher.lookup(userId, "crashed");
    await database.db.insert(idempotencyKeys).values({ userId, key, requestHash: "whatever", createdAt: longAgo });
    expect(await withIdempotency(database.db, cipher, userId, "crashed", { a: 1 }, create)).toEqual({ run: 1 });
    expect(await withIdempotency(database.db, cipher, userId, "crashed", { a: 1 }, create)).toEqual({ run: 1 });
    expect(runs).toBe(1);
  });

  it("stores neither the key, nor the request, nor the response readably, and replays it only with the raw key", async () => {
    const secret = { apiKey: "bk_live_the-plaintext-secret" };
    const create = async () => secret;
    expect(await withIdempotency(database.db, cipher, userId, "key-of-a-secret", { name: "ci" }, create)).toEqual(secret);
    const [row] = await database.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, cipher.lookup(userId, "key-of-a-secret")));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain("key-of-a-secret");
    expect(stored).not.toContain("bk_live_the-plaintext-secret");
    expect(stored).not.toContain('"ci"');
    expect(await withIdempotency(database.db, cipher, userId, "key-of-a-secret", { name: "ci" }, create)).toEqual(secret);
    // Another server secret cannot even find the row, let alone open it.
    if (!row) throw new Error("no idempotency row");
    const otherServer = createIdempotencyCipher("another server secret of thirty-two characters");
    expect(otherServer.lookup(userId, "key-of-a-secret")).not.toBe(row.key);
    const { sealed } = row.responseBody as { sealed: string };
    expect(() => otherServer.open("key-of-a-secret", sealed, row.key)).toThrow();
  });

  it("refuses a malformed key with 400 before doing anything", async () => {
    let runs = 0;
    await expect(withIdempotency(database.db, cipher, userId, "has space", {}, async () => ++runs)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(runs).toBe(0);
  });
});
