import type { SessionRow, UserRow } from "@bookable/db";

/** What a verified credential resolves to, as the cache keeps it. */
export interface CachedCaller {
  user: UserRow;
  session: SessionRow | null;
}

interface Entry {
  caller: CachedCaller;
  storedAt: number;
}

/** A lookup started at this point; `remember` stores its answer only if nothing was forgotten meanwhile. */
export interface CacheRead {
  readonly generation: number;
}

const DEFAULT_MAX_ENTRIES = 20_000;

/**
 * Verified credentials of the last few seconds (SESSION_CACHE_SECONDS), so an authenticated request does not
 * read its session and user from the database every time (issue 12). Keyed by credential: a session id (JWT
 * access tokens), a browser token's hash, an API key's hash. Safe because every change that can end or alter a
 * credential forgets the user's entries at once: in this process directly (after every mutation, see the tRPC
 * init file, and after an OAuth sign-in), in every other process through the database's notification when the
 * change commits (`credentials_changed`, migration 0007). Until that notification channel is listening (and
 * while it is reconnecting) the cache answers nothing, so a lost channel can never make a revocation late.
 * A lifetime of 0 disables it.
 */
export class SessionCache {
  readonly #lifetimeMs: number;
  readonly #maxEntries: number;
  readonly #entries = new Map<string, Entry>();
  readonly #keysByUser = new Map<string, Set<string>>();
  /** Bumped on every forget; a lookup that started before a forget of its user does not store its answer. */
  #generation = 0;
  readonly #forgottenAt = new Map<string, number>();
  #everythingForgottenAt = 0;
  #listening = false;

  constructor(lifetimeSeconds: number, maxEntries = DEFAULT_MAX_ENTRIES) {
    this.#lifetimeMs = lifetimeSeconds * 1000;
    this.#maxEntries = maxEntries;
  }

  /** Whether answers are served from memory now: a lifetime above 0 and the invalidation channel listening. */
  get active(): boolean {
    return this.#lifetimeMs > 0 && this.#listening;
  }

  /** The invalidation channel is up (true) or lost (false: everything is forgotten and nothing served). */
  setListening(listening: boolean): void {
    this.#listening = listening;
    this.forgetEverything();
  }

  lookup(key: string, now = Date.now()): CachedCaller | null {
    if (!this.active) return null;
    const entry = this.#entries.get(key);
    if (!entry) return null;
    const session = entry.caller.session;
    if (now - entry.storedAt >= this.#lifetimeMs || (session && session.expiresAt.getTime() <= now)) {
      this.#delete(key, entry.caller.user.id);
      return null;
    }
    return entry.caller;
  }

  startRead(): CacheRead {
    return { generation: this.#generation };
  }

  remember(key: string, caller: CachedCaller, read: CacheRead, now = Date.now()): void {
    if (!this.active) return;
    const userId = caller.user.id;
    // A revocation that committed while this lookup read the database may have been forgotten before the
    // lookup finished; storing the older answer would undo it.
    if (read.generation < this.#everythingForgottenAt || read.generation < (this.#forgottenAt.get(userId) ?? -1)) return;
    if (this.#entries.size >= this.#maxEntries) this.forgetEverything();
    this.#entries.set(key, { caller, storedAt: now });
    let keys = this.#keysByUser.get(userId);
    if (!keys) {
      keys = new Set();
      this.#keysByUser.set(userId, keys);
    }
    keys.add(key);
  }

  /** Drops every cached credential of the user (a session revoked, a role or password changed). */
  forgetUser(userId: string): void {
    this.#generation++;
    // Remembering when each user was forgotten is only needed while lookups are in flight (milliseconds);
    // past a bound the map is dropped and every in-flight lookup treated as outdated instead.
    if (this.#forgottenAt.size >= this.#maxEntries) {
      this.#forgottenAt.clear();
      this.#everythingForgottenAt = this.#generation;
    }
    this.#forgottenAt.set(userId, this.#generation);
    for (const key of this.#keysByUser.get(userId) ?? []) this.#entries.delete(key);
    this.#keysByUser.delete(userId);
  }

  forgetEverything(): void {
    this.#generation++;
    this.#everythingForgottenAt = this.#generation;
    this.#forgottenAt.clear();
    this.#entries.clear();
    this.#keysByUser.clear();
  }

  #delete(key: string, userId: string): void {
    this.#entries.delete(key);
    this.#keysByUser.get(userId)?.delete(key);
  }
}
