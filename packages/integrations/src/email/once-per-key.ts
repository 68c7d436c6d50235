// Idempotency keys for providers that have none (Twilio's Messages API) and for the local stand-ins: the
// same key runs its send once. Email and SMS share it.

/**
 * Runs an operation at most once per key. The first call's result is remembered and returned for every later
 * call with the key, including one made while the first is still running; a failure is forgotten, so a retry
 * runs again. Only the newest `capacity` keys are remembered: enough for a queue's retries, bounded for a
 * long-running process. Calls without a key always run.
 */
export class OncePerKey<T> {
  readonly #capacity: number;
  readonly #results = new Map<string, Promise<T>>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  run(key: string | undefined, operation: () => Promise<T>): Promise<T> {
    if (key === undefined) return operation();
    const known = this.#results.get(key);
    if (known !== undefined) return known;
    const result = operation();
    this.#keep(key, result);
    result.catch(() => {
      if (this.#results.get(key) === result) this.#results.delete(key);
    });
    return result;
  }

  /** Remembers a result reached elsewhere (another process), unless the key already has one. */
  remember(key: string, value: T): void {
    if (!this.#results.has(key)) this.#keep(key, Promise.resolve(value));
  }

  #keep(key: string, result: Promise<T>): void {
    this.#results.set(key, result);
    // A Map iterates in insertion order, so the first key is the oldest.
    for (const oldest of this.#results.keys()) {
      if (this.#results.size <= this.#capacity) break;
      this.#results.delete(oldest);
    }
  }
}
