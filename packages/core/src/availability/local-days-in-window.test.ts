import { describe, expect, it } from "vitest";
import { localDaysInWindow } from "./local-days-in-window.js";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe("localDaysInWindow", () => {
  it("lists every date that intersects the window, the last one only when an instant of it is inside", () => {
    const days = localDaysInWindow({ from: at("2026-01-05T12:00:00Z"), to: at("2026-01-07T00:00:00Z") }, "UTC");
    expect(days.map((day) => day.date)).toEqual(["2026-01-05", "2026-01-06"]);
    expect(days[0]).toEqual({ date: "2026-01-05", start: at("2026-01-05T00:00:00Z"), end: at("2026-01-06T00:00:00Z") });
  });

  it("gives change days their real length: 23 hours in spring, 25 in autumn (Europe/London)", () => {
    const spring = localDaysInWindow({ from: at("2026-03-29T00:00:00Z"), to: at("2026-03-29T01:00:00Z") }, "Europe/London");
    expect(spring).toEqual([{ date: "2026-03-29", start: at("2026-03-29T00:00:00Z"), end: at("2026-03-29T23:00:00Z") }]);
    const [autumn] = localDaysInWindow({ from: at("2026-10-25T12:00:00Z"), to: at("2026-10-25T13:00:00Z") }, "Europe/London");
    expect((autumn?.end ?? 0) - (autumn?.start ?? 0)).toBe(25 * HOUR);
  });

  it("starts a date whose midnight is skipped when the clock resumes (America/Santiago, 6 September 2026)", () => {
    // Clocks jump from 00:00 (UTC-4) to 01:00 (UTC-3): the 6th begins at 01:00 local, 04:00Z, like the 5th did.
    const days = localDaysInWindow({ from: at("2026-09-05T12:00:00Z"), to: at("2026-09-06T12:00:00Z") }, "America/Santiago");
    expect(days).toEqual([
      { date: "2026-09-05", start: at("2026-09-05T04:00:00Z"), end: at("2026-09-06T04:00:00Z") },
      { date: "2026-09-06", start: at("2026-09-06T04:00:00Z"), end: at("2026-09-07T03:00:00Z") },
    ]);
  });

  it("is empty for an empty window", () => {
    expect(localDaysInWindow({ from: at("2026-01-05T00:00:00Z"), to: at("2026-01-05T00:00:00Z") }, "UTC")).toEqual([]);
  });
});
