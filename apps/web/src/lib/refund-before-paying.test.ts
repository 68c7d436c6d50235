import { describe, expect, it } from "vitest";
import { freeCancellationUntil, refundBeforePaying } from "./refund-before-paying.js";

describe("refundBeforePaying", () => {
  const start = "2026-12-10T09:00:00Z";

  it("is free until the resource's hours before the start", () => {
    const until = freeCancellationUntil(start, 24);
    expect(until.toISOString()).toBe("2026-12-09T09:00:00.000Z");
    expect(refundBeforePaying(until, Date.parse("2026-12-09T08:59:59Z"))).toEqual({ state: "free", until });
  });

  it("has ended once that moment has passed: paying now cannot be cancelled for a refund", () => {
    const until = freeCancellationUntil(start, 24);
    expect(refundBeforePaying(until, Date.parse("2026-12-09T09:00:00Z"))).toEqual({ state: "ended", endedAt: until });
    expect(refundBeforePaying(until, Date.parse("2026-12-10T08:00:00Z")).state).toBe("ended");
  });

  it("is free until the start when the resource allows cancelling until then", () => {
    const until = freeCancellationUntil(start, 0);
    expect(refundBeforePaying(until, Date.parse("2026-12-10T08:59:00Z")).state).toBe("free");
  });
});
