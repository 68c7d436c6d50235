import { describe, expect, it } from "vitest";
import { WorkerRestartBackoff } from "./worker-restart-backoff.js";

describe("WorkerRestartBackoff", () => {
  it("replaces a lone crash at once, and waits longer for each crash that follows soon after", () => {
    const backoff = new WorkerRestartBackoff();
    expect(backoff.delayAfterCrash(0)).toBe(0);
    expect(backoff.delayAfterCrash(1_000)).toBe(500);
    expect(backoff.delayAfterCrash(2_000)).toBe(1_000);
    expect(backoff.delayAfterCrash(3_000)).toBe(2_000);
  });

  it("never waits longer than the cap", () => {
    const backoff = new WorkerRestartBackoff();
    const delays = Array.from({ length: 20 }, (_, index) => backoff.delayAfterCrash(index * 100));
    expect(Math.max(...delays)).toBe(30_000);
  });

  it("forgets crashes older than the window", () => {
    const backoff = new WorkerRestartBackoff();
    for (let index = 0; index < 5; index++) backoff.delayAfterCrash(index * 1_000);
    expect(backoff.delayAfterCrash(5 * 60_000)).toBe(0);
  });
});
