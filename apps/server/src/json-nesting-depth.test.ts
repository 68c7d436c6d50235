import { describe, expect, it } from "vitest";
import { exceedsJsonNestingDepth } from "./json-nesting-depth.js";

const nestedArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

describe("exceedsJsonNestingDepth", () => {
  it("measures arrays and objects", () => {
    expect(exceedsJsonNestingDepth(nestedArrays(64), 64)).toBe(false);
    expect(exceedsJsonNestingDepth(nestedArrays(65), 64)).toBe(true);
    expect(exceedsJsonNestingDepth(nestedObjects(64), 64)).toBe(false);
    expect(exceedsJsonNestingDepth(nestedObjects(65), 64)).toBe(true);
  });

  it("counts depth, not the number of brackets", () => {
    const wide = `[${Array.from({ length: 10_000 }, () => '{"a":[1,2]}').join(",")}]`;
    expect(exceedsJsonNestingDepth(wide, 3)).toBe(false);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(exceedsJsonNestingDepth(JSON.stringify({ notes: "[[[[[[[[[[{{{{{{{{" }), 2)).toBe(false);
    expect(exceedsJsonNestingDepth(JSON.stringify({ notes: 'a "quoted" [[[[[[ \\' }), 2)).toBe(false);
    expect(exceedsJsonNestingDepth(`{"a":"\\\\"${",[[[[".repeat(1)}]]]]}`, 2)).toBe(true);
  });

  it("scans 100,000 levels quickly", () => {
    const started = performance.now();
    expect(exceedsJsonNestingDepth(nestedArrays(100_000), 64)).toBe(true);
    expect(exceedsJsonNestingDepth(`"${"[".repeat(1_000_000)}"`, 64)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
