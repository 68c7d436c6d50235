// The client runs in browsers as well as Node 24: its runtime files may import only each other and
// openapi-fetch, never a Node built-in. (The build also compiles them without Node's types.)
import { readdirSync, readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const source = new URL("./", import.meta.url);

function runtimeFiles(): string[] {
  return readdirSync(source, { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
  );
}

describe("the client's runtime code", () => {
  it("imports nothing but its own files and openapi-fetch", () => {
    const files = runtimeFiles();
    expect(files).toContain("create-bookable-client.ts");
    const imports = files.flatMap((file) =>
      ts
        .preProcessFile(readFileSync(new URL(file, source), "utf8"), true, true)
        .importedFiles.map(({ fileName }) => fileName)
        .filter((specifier) => !specifier.startsWith("./") && !specifier.startsWith("../"))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(imports.filter((line) => !line.endsWith(": openapi-fetch"))).toEqual([]);
  });
});
