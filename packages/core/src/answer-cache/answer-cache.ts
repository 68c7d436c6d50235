import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Database } from "@bookable/db";
import { LRUCache } from "lru-cache";

/**
 * A kind of answer the cache can hold: one per endpoint (the free slots of a window, a day summary, …).
 * Plugging in a new endpoint is one such object and one `cache.answer(kind, input)` call.
 */
export interface AnswerKind<Input, Value> {
  /** Names the kind in cache keys and metrics. */
  readonly name: string;
  /** The resource whose availability version the answer depends on. */
  resourceId(input: Input): string;
  /** The rest of the key (the window, options), the same for inputs that give the same answer. */
  key(input: Input): string;
  /**
   * The answer as of `now`, and `changesAt`: the instant (epoch ms) before which the passing of time alone
   * cannot change it. Everything else it depends on must bump the resource's availability version.
   */
  compute(db: Database, input: Input, now: Date): Promise<{ value: Value; changesAt: number }>;
}

export type AnswerEncoding = "br" | "gzip" | "identity";

/** A finished answer: the value (for tRPC), its JSON bytes, their compressed forms, and its ETag. */
export interface CachedAnswer<Value> {
  readonly value: Value;
  /** A strong ETag (quoted): a hash of the JSON bytes, so every instance gives the same answer the same tag. */
  readonly etag: string;
  /** The JSON bytes in an encoding; a compressed form is made once, when first asked for. */
  body(encoding: AnswerEncoding): Promise<Buffer>;
}

/** How an answer was found: in the cache, computed (why), or joined to a computation under way. */
export type AnswerCacheResult = "hit" | "miss" | "stale" | "expired" | "joined" | "uncached";
export const ANSWER_CACHE_RESULTS: readonly AnswerCacheResult[] = ["hit", "miss", "stale", "expired", "joined", "uncached"];

export interface AnswerCacheOptions {
  db: Database;
  /** The byte budget; 0 turns caching off (every answer computed, still served as finished bytes). */
  maxBytes: number;
  /** The resource's current availability version, read so that it reflects every write committed before the call. */
  readVersion(resourceId: string): Promise<string | undefined>;
  /** The longest an answer is kept, whatever its `changesAt`. */
  maxLifetimeMs: number;
  /** The clock answers are computed and expired by (tests move it). */
  now?: () => Date;
}

export interface AnswerCache {
  answer<Input, Value>(kind: AnswerKind<Input, Value>, input: Input): Promise<CachedAnswer<Value>>;
  /** Answers by kind and how they were found, since start. */
  results(): { kind: string; result: AnswerCacheResult; count: number }[];
  /** Bytes the cache holds by its own reckoning (bounded by `maxBytes`), and its entries. */
  size(): { bytes: number; entries: number };
}

interface Entry {
  readonly key: string;
  readonly version: string;
  readonly expiresAt: number;
  readonly answer: CachedAnswer<unknown>;
  /** The JSON bytes and the compressed forms made so far. */
  bytes(): number;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);
// Quality 5: about gzip's speed at a smaller size; 11 (the default) takes ~100× longer on a month of slots.
const BROTLI_OPTIONS = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};

/**
 * Finished availability answers (issue 12), kept in an LRU with a byte budget and served only while exact:
 * an entry is used when its resource's availability version is the one just read (every change an answer
 * depends on bumps it, on any instance) and the clock has not reached its `changesAt` (or the lifetime
 * bound). Concurrent misses for one key compute once.
 */
export function createAnswerCache(options: AnswerCacheOptions): AnswerCache {
  const now = options.now ?? (() => new Date());
  const counts = new Map<string, Record<AnswerCacheResult, number>>();
  const count = (kind: string, result: AnswerCacheResult) => {
    let byResult = counts.get(kind);
    if (!byResult) {
      byResult = Object.fromEntries(ANSWER_CACHE_RESULTS.map((name) => [name, 0])) as Record<AnswerCacheResult, number>;
      counts.set(kind, byResult);
    }
    byResult[result] += 1;
  };
  const entries =
    options.maxBytes > 0
      ? new LRUCache<string, Entry>({ maxSize: options.maxBytes, sizeCalculation: (entry) => Math.max(1, entry.bytes()) })
      : null;
  const computing = new Map<string, { version: string; entry: Promise<Entry> }>();

  async function computeEntry<Input, Value>(kind: AnswerKind<Input, Value>, input: Input, key: string, version: string) {
    const at = now();
    const { value, changesAt } = await kind.compute(options.db, input, at);
    const entry = finishedEntry(key, version, Math.min(changesAt, at.getTime() + options.maxLifetimeMs), value, (grown) => {
      // A compressed form was added: the entry's size is counted again, if it is still the cached one
      // (lru-cache recounts only a new value, so the entry goes out and back in).
      if (entries?.peek(key) === grown) {
        entries.delete(key);
        entries.set(key, grown);
      }
    });
    return entry;
  }

  return {
    async answer<Input, Value>(kind: AnswerKind<Input, Value>, input: Input): Promise<CachedAnswer<Value>> {
      const key = `${kind.name}\u0000${kind.resourceId(input)}\u0000${kind.key(input)}`;
      const version = entries ? await options.readVersion(kind.resourceId(input)) : undefined;
      if (!entries || version === undefined) {
        // No cache, or no version (an unknown resource): computed for this request alone.
        count(kind.name, "uncached");
        return (await computeEntry(kind, input, key, "")).answer as CachedAnswer<Value>;
      }
      const cached = entries.get(key);
      if (cached && cached.version === version && now().getTime() < cached.expiresAt) {
        count(kind.name, "hit");
        return cached.answer as CachedAnswer<Value>;
      }
      // A computation started after a read of this same version sees every write this caller must see.
      const running = computing.get(key);
      if (running && running.version === version) {
        const entry = await running.entry;
        if (now().getTime() < entry.expiresAt) {
          count(kind.name, "joined");
          return entry.answer as CachedAnswer<Value>;
        }
      }
      count(kind.name, !cached ? "miss" : cached.version !== version ? "stale" : "expired");
      const entry = computeEntry(kind, input, key, version);
      computing.set(key, { version, entry });
      try {
        const finished = await entry;
        const current = entries.peek(key);
        // Two computations of one key can finish out of order: the newer version stays.
        if (!current || BigInt(current.version) <= BigInt(version)) entries.set(key, finished);
        return finished.answer as CachedAnswer<Value>;
      } finally {
        if (computing.get(key)?.entry === entry) computing.delete(key);
      }
    },
    results: () =>
      [...counts].flatMap(([kind, byResult]) =>
        ANSWER_CACHE_RESULTS.map((result) => ({ kind, result, count: byResult[result] })),
      ),
    size: () => ({ bytes: entries?.calculatedSize ?? 0, entries: entries?.size ?? 0 }),
  };
}

function finishedEntry(key: string, version: string, expiresAt: number, value: unknown, grew: (entry: Entry) => void): Entry {
  // Made when first needed: a tRPC caller of an uncached answer wants only the value (tRPC serialises it).
  let json: Buffer | undefined;
  let etag: string | undefined;
  const jsonBytes = () => {
    json ??= Buffer.from(JSON.stringify(value));
    return json;
  };
  const compressed = new Map<Exclude<AnswerEncoding, "identity">, Promise<Buffer>>();
  let compressedBytes = 0;
  const entry: Entry = {
    key,
    version,
    expiresAt,
    // The parsed value is held too (tRPC answers with it): counted as about the size of its JSON.
    bytes: () => 2 * jsonBytes().length + compressedBytes,
    answer: {
      value,
      get etag() {
        etag ??= `"${createHash("sha256").update(jsonBytes()).digest("base64url").slice(0, 27)}"`;
        return etag;
      },
      body(encoding) {
        if (encoding === "identity") return Promise.resolve(jsonBytes());
        let form = compressed.get(encoding);
        if (!form) {
          form = encoding === "br" ? brotliAsync(jsonBytes(), BROTLI_OPTIONS) : gzipAsync(jsonBytes());
          compressed.set(encoding, form);
          form.then(
            (bytes) => {
              compressedBytes += bytes.length;
              grew(entry);
            },
            () => compressed.delete(encoding),
          );
        }
        return form;
      },
    },
  };
  return entry;
}
