import type { SessionRow, UserRow } from "@bookable/db";
import { describe, expect, it } from "vitest";
import { SessionCache } from "./session-cache.js";

const NOW = Date.parse("2026-12-06T12:00:00Z");

function caller(userId: string, expiresAt = new Date(NOW + 86_400_000)) {
  return {
    user: { id: userId } as UserRow,
    session: { id: `session-of-${userId}`, expiresAt } as SessionRow,
  };
}

function listeningCache(lifetimeSeconds = 5) {
  const cache = new SessionCache(lifetimeSeconds);
  cache.setListening(true);
  return cache;
}

describe("SessionCache", () => {
  it("answers a remembered credential within its lifetime and not after", () => {
    const cache = listeningCache(5);
    cache.remember("session:a", caller("a"), cache.startRead(), NOW);
    expect(cache.lookup("session:a", NOW + 4_999)?.user.id).toBe("a");
    expect(cache.lookup("session:a", NOW + 5_000)).toBeNull();
  });

  it("never answers a session past its own expiry", () => {
    const cache = listeningCache(5);
    cache.remember("session:a", caller("a", new Date(NOW + 1_000)), cache.startRead(), NOW);
    expect(cache.lookup("session:a", NOW + 1_000)).toBeNull();
  });

  it("forgets every credential of a user, and only that user's", () => {
    const cache = listeningCache();
    cache.remember("session:a1", caller("a"), cache.startRead(), NOW);
    cache.remember("browser:a2", caller("a"), cache.startRead(), NOW);
    cache.remember("session:b", caller("b"), cache.startRead(), NOW);
    cache.forgetUser("a");
    expect(cache.lookup("session:a1", NOW)).toBeNull();
    expect(cache.lookup("browser:a2", NOW)).toBeNull();
    expect(cache.lookup("session:b", NOW)?.user.id).toBe("b");
  });

  it("does not store an answer read before its user was forgotten (a revocation committed meanwhile)", () => {
    const cache = listeningCache();
    const read = cache.startRead();
    cache.forgetUser("a");
    cache.remember("session:a", caller("a"), read, NOW);
    expect(cache.lookup("session:a", NOW)).toBeNull();
    // Another user's answer read at the same time is still good.
    cache.remember("session:b", caller("b"), read, NOW);
    expect(cache.lookup("session:b", NOW)?.user.id).toBe("b");
  });

  it("serves nothing while the invalidation channel is not listening, and forgets all when it is lost", () => {
    const cache = new SessionCache(5);
    cache.remember("session:a", caller("a"), cache.startRead(), NOW);
    expect(cache.lookup("session:a", NOW)).toBeNull();
    cache.setListening(true);
    cache.remember("session:a", caller("a"), cache.startRead(), NOW);
    cache.setListening(false);
    cache.setListening(true);
    expect(cache.lookup("session:a", NOW)).toBeNull();
  });

  it("is off with a lifetime of 0", () => {
    const cache = listeningCache(0);
    expect(cache.active).toBe(false);
    cache.remember("session:a", caller("a"), cache.startRead(), NOW);
    expect(cache.lookup("session:a", NOW)).toBeNull();
  });
});
