import { describe, expect, it } from "vitest";
import { nextWebhookAttemptAt, WEBHOOK_MAX_ATTEMPTS } from "./webhook-retry-schedule.js";

const now = new Date("2026-12-01T00:00:00Z");
const HOUR = 3_600_000;

describe("nextWebhookAttemptAt", () => {
  it("backs off exponentially from the base delay", () => {
    expect(nextWebhookAttemptAt(1, 5, now)?.getTime()).toBe(now.getTime() + 5_000);
    expect(nextWebhookAttemptAt(2, 5, now)?.getTime()).toBe(now.getTime() + 5 * 60_000);
    expect(nextWebhookAttemptAt(3, 5, now)?.getTime()).toBe(now.getTime() + 30 * 60_000);
  });

  it("keeps retrying for more than 24 hours with the default base, then gives up", () => {
    let total = 0;
    for (let attempts = 1; attempts < WEBHOOK_MAX_ATTEMPTS; attempts++) {
      const next = nextWebhookAttemptAt(attempts, 5, now);
      expect(next).not.toBeNull();
      total += (next?.getTime() ?? 0) - now.getTime();
    }
    expect(total).toBeGreaterThan(24 * HOUR);
    expect(nextWebhookAttemptAt(WEBHOOK_MAX_ATTEMPTS, 5, now)).toBeNull();
  });
});
