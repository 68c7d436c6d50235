// Each retention prune deletes exactly the rows past their retention and keeps everything still needed
// (issue 14): a queued or retrying message, a live session, an unexpired token, a fresh idempotency key.
import {
  type DatabaseHandle,
  idempotencyKeys,
  notifications,
  oneTimeTokens,
  paymentEvents,
  refreshTokens,
  sessions,
  users,
} from "@bookable/db";
import { openTestDatabase, testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { pruneExpiredIdempotencyKeys } from "./prune-expired-idempotency-keys.js";
import { pruneFinishedNotifications } from "./prune-finished-notifications.js";
import { pruneFinishedSessions } from "./prune-finished-sessions.js";
import { pruneFinishedTokens } from "./prune-finished-tokens.js";
import { prunePaymentEvents } from "./prune-payment-events.js";

const DAY = 24 * 3600_000;
const now = new Date("2026-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
const daysAhead = (days: number) => new Date(now.getTime() + days * DAY);
// Small batches, so every prune has to loop to delete all it should.
const batchSize = 2;

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("retention prunes on $driver", (target) => {
  let database: DatabaseHandle;
  let userId: string;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    const [user] = await database.db.insert(users).values({ username: "keeper", email: "keeper@example.com" }).returning();
    userId = user?.id ?? "";
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.delete(notifications);
    await database.db.delete(sessions);
    await database.db.delete(oneTimeTokens);
    await database.db.delete(paymentEvents);
    await database.db.delete(idempotencyKeys);
  });

  it("deletes finished delivery-log rows past retention and keeps unfinished and recent ones", async () => {
    const message = (template: string, status: (typeof notifications.$inferInsert)["status"], updatedAt: Date) => ({
      channel: "email" as const,
      template,
      recipient: "someone@example.com",
      data: {},
      status,
      maxAttempts: 5,
      createdAt: updatedAt,
      updatedAt,
    });
    await database.db.insert(notifications).values([
      message("old-sent", "sent", daysAgo(91)),
      message("old-skipped", "skipped", daysAgo(200)),
      message("old-dead", "dead", daysAgo(91)),
      message("old-delivered", "delivered", daysAgo(91)),
      message("old-bounced", "bounced", daysAgo(91)),
      message("recent-sent", "sent", daysAgo(89)),
      message("recent-dead", "dead", daysAgo(10)),
      // Still on its way, however old: never pruned.
      message("old-queued", "queued", daysAgo(400)),
      message("old-retrying", "retrying", daysAgo(400)),
      message("old-sending", "sending", daysAgo(400)),
    ]);
    expect(await pruneFinishedNotifications(database.db, daysAgo(90), batchSize)).toBe(5);
    const kept = await database.db.select({ template: notifications.template }).from(notifications);
    expect(kept.map((row) => row.template).sort()).toEqual([
      "old-queued",
      "old-retrying",
      "old-sending",
      "recent-dead",
      "recent-sent",
    ]);
  });

  it("deletes payment events received before retention and keeps newer ones", async () => {
    await database.db.insert(paymentEvents).values([
      { id: "evt_old_1", type: "checkout.session.completed", receivedAt: daysAgo(366) },
      { id: "evt_old_2", type: "checkout.session.expired", receivedAt: daysAgo(400) },
      { id: "evt_old_3", type: "charge.refunded", receivedAt: daysAgo(700) },
      { id: "evt_recent", type: "checkout.session.completed", receivedAt: daysAgo(364) },
    ]);
    expect(await prunePaymentEvents(database.db, daysAgo(365), batchSize)).toBe(3);
    const kept = await database.db.select({ id: paymentEvents.id }).from(paymentEvents);
    expect(kept.map((row) => row.id)).toEqual(["evt_recent"]);
  });

  it("deletes sessions that ended (expired or revoked) before retention, with their refresh tokens, and keeps live ones", async () => {
    const session = (userAgent: string, expiresAt: Date, revokedAt: Date | null = null) => ({
      userId,
      kind: "token" as const,
      userAgent,
      expiresAt,
      revokedAt,
    });
    const rows = await database.db
      .insert(sessions)
      .values([
        session("expired-long-ago", daysAgo(31)),
        session("expired-longer-ago", daysAgo(90)),
        session("revoked-long-ago", daysAhead(5), daysAgo(31)),
        session("expired-recently", daysAgo(29)),
        session("revoked-recently", daysAhead(5), daysAgo(1)),
        session("live", daysAhead(20)),
      ])
      .returning({ id: sessions.id, userAgent: sessions.userAgent });
    const idOf = (userAgent: string) => rows.find((row) => row.userAgent === userAgent)?.id ?? "";
    await database.db.insert(refreshTokens).values([
      { tokenHash: "of-expired-session", sessionId: idOf("expired-long-ago"), expiresAt: daysAgo(31) },
      { tokenHash: "of-live-session", sessionId: idOf("live"), expiresAt: daysAhead(20) },
    ]);
    expect(await pruneFinishedSessions(database.db, daysAgo(30), batchSize)).toBe(3);
    const kept = await database.db.select({ userAgent: sessions.userAgent }).from(sessions);
    expect(kept.map((row) => row.userAgent).sort()).toEqual(["expired-recently", "live", "revoked-recently"]);
    const tokens = await database.db.select({ tokenHash: refreshTokens.tokenHash }).from(refreshTokens);
    expect(tokens.map((row) => row.tokenHash)).toEqual(["of-live-session"]);
  });

  it("deletes one-time and refresh tokens used or expired before retention and keeps unexpired ones", async () => {
    const token = (tokenHash: string, expiresAt: Date, usedAt: Date | null = null) => ({
      tokenHash,
      userId,
      purpose: "verify_email" as const,
      createdAt: new Date(expiresAt.getTime() - DAY),
      expiresAt,
      usedAt,
    });
    await database.db.insert(oneTimeTokens).values([
      token("expired-long-ago", daysAgo(8)),
      token("used-long-ago", daysAgo(9), daysAgo(10)),
      token("expired-longer-ago", daysAgo(100)),
      token("expired-recently", daysAgo(6)),
      token("used-recently", daysAgo(1), daysAgo(2)),
      token("unused", daysAhead(1)),
      // Used long ago yet somehow still unexpired: an unexpired token is never pruned.
      token("used-but-unexpired", daysAhead(1), daysAgo(8)),
    ]);
    const [live] = await database.db
      .insert(sessions)
      .values({ userId, kind: "token", expiresAt: daysAhead(20) })
      .returning({ id: sessions.id });
    const sessionId = live?.id ?? "";
    await database.db.insert(refreshTokens).values([
      { tokenHash: "refresh-expired-long-ago", sessionId, expiresAt: daysAgo(8), usedAt: daysAgo(38) },
      { tokenHash: "refresh-expired-recently", sessionId, expiresAt: daysAgo(6), usedAt: daysAgo(36) },
      // Used (rotated) but unexpired: kept, presenting it again must still reveal a stolen copy.
      { tokenHash: "refresh-used-unexpired", sessionId, expiresAt: daysAhead(20), usedAt: daysAgo(10) },
      { tokenHash: "refresh-current", sessionId, expiresAt: daysAhead(20) },
    ]);
    expect(await pruneFinishedTokens(database.db, daysAgo(7), now, batchSize)).toEqual({ oneTimeTokens: 3, refreshTokens: 1 });
    const keptOneTime = await database.db.select({ tokenHash: oneTimeTokens.tokenHash }).from(oneTimeTokens);
    expect(keptOneTime.map((row) => row.tokenHash).sort()).toEqual([
      "expired-recently",
      "unused",
      "used-but-unexpired",
      "used-recently",
    ]);
    const keptRefresh = await database.db.select({ tokenHash: refreshTokens.tokenHash }).from(refreshTokens);
    expect(keptRefresh.map((row) => row.tokenHash).sort()).toEqual([
      "refresh-current",
      "refresh-expired-recently",
      "refresh-used-unexpired",
    ]);
  });

  it("deletes idempotency keys past their 24 hours in batches and keeps fresh ones", async () => {
    const key = (name: string, createdAt: Date) => ({ userId, key: name, requestHash: "h", responseBody: {}, createdAt });
    await database.db
      .insert(idempotencyKeys)
      .values([
        key("old-1", new Date(now.getTime() - 25 * 3600_000)),
        key("old-2", daysAgo(2)),
        key("old-3", daysAgo(3)),
        key("fresh", new Date(now.getTime() - 23 * 3600_000)),
      ]);
    expect(await pruneExpiredIdempotencyKeys(database.db, now, batchSize)).toBe(3);
    const kept = await database.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys);
    expect(kept.map((row) => row.key)).toEqual(["fresh"]);
  });

  // Moved from bookings/with-idempotency.test.ts with the prune (issue 14), unchanged.
  it("prunes keys older than 24 hours and keeps fresh ones", async () => {
    const old = new Date(Date.now() - 25 * 3600_000);
    await database.db.insert(idempotencyKeys).values({ userId, key: "old", requestHash: "h", responseBody: {}, createdAt: old });
    await database.db.insert(idempotencyKeys).values({ userId, key: "fresh", requestHash: "h", responseBody: {} });
    expect(await pruneExpiredIdempotencyKeys(database.db)).toBe(1);
    const keys = (await database.db.select().from(idempotencyKeys)).map((row) => row.key);
    expect(keys).toContain("fresh");
    expect(keys).not.toContain("old");
  });
});
