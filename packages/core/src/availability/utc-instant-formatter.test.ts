import { describe, expect, it } from "vitest";
import { utcInstantFormatter } from "./utc-instant-formatter.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Every instant `format` writes must be byte-identical to the built-in. */
function expectBuiltInText(instants: readonly number[]) {
  const format = utcInstantFormatter();
  const mismatches = instants
    .map((instant) => ({ instant, text: format(instant), builtIn: new Date(instant).toISOString() }))
    .filter(({ text, builtIn }) => text !== builtIn);
  expect(mismatches).toEqual([]);
}

/** Every `step` from `from` (an ISO instant) for `days` days. */
function run(from: string, days: number, step = MINUTE): number[] {
  const start = Date.parse(from);
  return Array.from({ length: Math.floor((days * DAY) / step) }, (_, index) => start + index * step);
}

describe("utcInstantFormatter", () => {
  it("writes every minute of days around daylight-saving changes as toISOString does", () => {
    expectBuiltInText([
      ...run("2026-03-28T00:00:00Z", 3), // Europe/Berlin springs forward 2026-03-29 01:00 UTC
      ...run("2026-10-24T00:00:00Z", 3), // and falls back 2026-10-25 01:00 UTC
      ...run("2026-03-07T12:00:00Z", 2), // America/New_York, 2026-03-08
      ...run("2026-10-03T12:00:00Z", 2), // Australia/Lord_Howe's 30-minute change, 2026-10-04
    ]);
  });

  it("writes leap days, year ends and century ends as toISOString does", () => {
    expectBuiltInText([
      ...run("2024-02-28T00:00:00Z", 3),
      ...run("2000-02-28T00:00:00Z", 3), // a leap century
      ...run("2100-02-27T00:00:00Z", 3), // not a leap year
      ...run("1999-12-31T00:00:00Z", 2),
      ...run("2026-12-31T00:00:00Z", 2),
      ...run("1969-12-31T00:00:00Z", 2), // the epoch, and negative instants before it
      ...run("0000-01-01T00:00:00Z", 1),
      ...run("9999-12-31T00:00:00Z", 1), // the last four-digit year; the next minute has six digits
      Date.parse("+010000-01-01T00:00:00Z"),
      Date.parse("-000001-12-31T23:59:00Z"),
      -8.64e15,
      8.64e15,
    ]);
  });

  it("writes slot runs of many lengths, in any order, as toISOString does", () => {
    const slots = [5, 15, 25, 45, 60, 90, 1_440].flatMap((minutes) => run("2027-10-01T00:07:00Z", 45, minutes * MINUTE));
    let seed = 12;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    // Whole minutes anywhere in the range a Date holds, jumping between days so the remembered day is replaced.
    const scattered = Array.from({ length: 20_000 }, () => Math.round(((random() * 2 - 1) * 8.64e15) / MINUTE) * MINUTE);
    expectBuiltInText([...slots, ...slots.toReversed(), ...scattered]);
  });

  it("writes instants with seconds or milliseconds through the built-in (historic offsets have seconds)", () => {
    expectBuiltInText([Date.parse("1900-01-01T00:19:32Z"), Date.parse("2026-06-01T09:00:00.001Z"), -1, 1, 59_999, 0.5]);
  });

  it("throws the built-in RangeError outside the range a Date holds", () => {
    const format = utcInstantFormatter();
    for (const instant of [8.64e15 + MINUTE, -8.64e15 - MINUTE, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => format(instant)).toThrow(RangeError);
    }
  });
});
