/** Reads the values of many keys in one query; keys without a value are left out of the map. */
export type ReadMany<Key, Value> = (keys: readonly Key[]) => Promise<ReadonlyMap<Key, Value>>;

/**
 * One key's value, read in batches with at most one read in flight (issue 12). A caller that arrives while
 * a read runs joins the NEXT read, never the running one: that one may have started before the caller
 * asked, and the caller must see every write committed before it asked (a linearizable read). Under load
 * this costs about one query per round trip instead of one per caller.
 */
export function coalescedReads<Key, Value>(readMany: ReadMany<Key, Value>): (key: Key) => Promise<Value | undefined> {
  interface Waiter {
    resolve(value: Value | undefined): void;
    reject(error: unknown): void;
  }
  let next = new Map<Key, Waiter[]>();
  let reading = false;

  function startRead(): void {
    if (next.size === 0) {
      reading = false;
      return;
    }
    reading = true;
    const batch = next;
    next = new Map();
    readMany([...batch.keys()]).then(
      (values) => {
        for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(values.get(key));
        startRead();
      },
      (error: unknown) => {
        for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
        startRead();
      },
    );
  }

  return (key) =>
    new Promise<Value | undefined>((resolve, reject) => {
      const waiters = next.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else next.set(key, [{ resolve, reject }]);
      if (!reading) {
        reading = true;
        // Callers of the same tick share the first read too.
        queueMicrotask(startRead);
      }
    });
}
