// The README's example is examples/book-a-slot.ts, which the package's typecheck compiles against the generated
// types: an API change that breaks the example fails the typecheck, and an edit to one copy alone fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("the README", () => {
  it("shows examples/book-a-slot.ts as it is", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const example = readFileSync(new URL("../examples/book-a-slot.ts", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});
