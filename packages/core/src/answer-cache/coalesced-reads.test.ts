import { describe, expect, it } from "vitest";
import { coalescedReads } from "./coalesced-reads.js";

/** A store whose reads are answered when the test says so, recording what each read asked for. */
function controlledStore() {
  const values = new Map<string, number>();
  const reads: { keys: readonly string[]; answer(): void; fail(error: Error): void }[] = [];
  const readMany = (keys: readonly string[]) =>
    new Promise<ReadonlyMap<string, number>>((resolve, reject) => {
      reads.push({
        keys,
        // The values as they are when the read is answered, like a query that runs after it was sent.
        answer: () => resolve(new Map(keys.flatMap((key) => (values.has(key) ? [[key, values.get(key) ?? 0] as const] : [])))),
        fail: reject,
      });
    });
  return { values, reads, readMany };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("coalescedReads", () => {
  it("reads the keys asked for in one tick with one read", async () => {
    const store = controlledStore();
    store.values.set("a", 1).set("b", 2);
    const read = coalescedReads(store.readMany);
    const answers = Promise.all([read("a"), read("b"), read("a"), read("missing")]);
    await flush();
    expect(store.reads.map((r) => [...r.keys])).toEqual([["a", "b", "missing"]]);
    store.reads[0]?.answer();
    expect(await answers).toEqual([1, 2, 1, undefined]);
  });

  it("has one read in flight at most, and callers arriving during it join the next read, never the running one", async () => {
    const store = controlledStore();
    store.values.set("a", 1);
    const read = coalescedReads(store.readMany);
    const early = read("a");
    await flush();
    expect(store.reads).toHaveLength(1);

    // A write commits, then two callers ask while the first read is still running: the first read may
    // have been served before the write, so they must not get its answer.
    store.values.set("a", 2);
    const late = [read("a"), read("a")];
    await flush();
    expect(store.reads).toHaveLength(1);

    let lateSettled = false;
    void Promise.all(late).then(() => {
      lateSettled = true;
    });
    store.reads[0]?.answer();
    await early;
    await flush();
    expect(lateSettled).toBe(false);
    expect(store.reads.map((r) => [...r.keys])).toEqual([["a"], ["a"]]);
    store.values.set("a", 3);
    store.reads[1]?.answer();
    expect(await Promise.all(late)).toEqual([3, 3]);
  });

  it("rejects the callers of a failed read and keeps serving later ones", async () => {
    const store = controlledStore();
    store.values.set("a", 1);
    const read = coalescedReads(store.readMany);
    const failing = read("a");
    await flush();
    store.reads[0]?.fail(new Error("connection lost"));
    await expect(failing).rejects.toThrow("connection lost");
    const later = read("a");
    await flush();
    store.reads[1]?.answer();
    expect(await later).toBe(1);
  });
});
