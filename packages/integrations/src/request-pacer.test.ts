import { describe, expect, it } from "vitest";
import { rateLimitPauseMs } from "./email/resend-email-sender.js";
import { RequestPacer } from "./request-pacer.js";

describe("RequestPacer", () => {
  it("starts at most N requests in any window of a second plus the margin", async () => {
    const pacer = new RequestPacer({ perSecond: 3, marginMs: 0 });
    const deadline = Date.now() + 10_000;
    const starts: number[] = [];

    await Promise.all(
      Array.from({ length: 7 }, async () => {
        expect(await pacer.acquire(deadline)).toBe(true);
        starts.push(Date.now());
      }),
    );

    starts.sort((a, b) => a - b);
    // Sliding: the 4th start is about a second after the 1st, the 7th after the 4th (timers may fire a few ms
    // early: the margin covers that in production).
    for (let index = 3; index < starts.length; index++) {
      expect((starts[index] as number) - (starts[index - 3] as number)).toBeGreaterThanOrEqual(950);
    }
  });

  it("holds every request back during a pause, and gives up when the pause outlasts the deadline", async () => {
    const pacer = new RequestPacer({ perSecond: 10 });
    pacer.pauseFor(300);
    const started = Date.now();

    expect(await pacer.acquire(Date.now() + 5000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    pacer.pauseFor(2000);
    expect(await pacer.acquire(Date.now() + 500)).toBe(false);
  });

  it("refuses a rate that is not a whole number of requests", () => {
    expect(() => new RequestPacer({ perSecond: 0.5 })).toThrow(/whole number/);
  });
});

describe("rateLimitPauseMs", () => {
  it("reads retry-after in seconds or as a date, else ratelimit-reset, else a second", () => {
    const now = Date.parse("2026-12-06T20:00:00Z");
    expect(rateLimitPauseMs({ "retry-after": "2", "ratelimit-reset": "5" }, now)).toBe(2000);
    expect(rateLimitPauseMs({ "retry-after": "Sun, 06 Dec 2026 20:00:03 GMT" }, now)).toBe(3000);
    expect(rateLimitPauseMs({ "ratelimit-reset": "1" }, now)).toBe(1000);
    expect(rateLimitPauseMs(null, now)).toBe(1000);
  });
});
