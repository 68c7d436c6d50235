import { describe, expect, it } from "vitest";
import { retryAfterMs } from "./retry-after.js";

describe("retryAfterMs", () => {
  const now = Date.parse("2026-12-07T10:00:00Z");

  it("reads delay-seconds", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP-date as the time until then, never negative", () => {
    expect(retryAfterMs("Mon, 07 Dec 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Mon, 07 Dec 2026 09:59:00 GMT", now)).toBe(0);
  });

  it("is null for a missing or unreadable header", () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs("-5", now)).toBeNull();
  });
});
