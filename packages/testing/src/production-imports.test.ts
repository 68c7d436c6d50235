// Issue 14: no production entry point can import a fake. The test walks the import graph from every entry a
// deployment or a package consumer starts at, with the TypeScript compiler's own import scanner and module
// resolution (package `exports`, `.js` → `.ts`, type-only imports included), and fails on any test code it
// reaches: this package, a `testing/` folder, the server's test helpers and ops checks, or a test file.
// (dependency-cruiser gives the same graph; the compiler API does it in a quarter of the time, which the unit
// tier's 30-second budget needs.)
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));

// The server bundle's entry points (apps/server/build.mjs), the cluster's primary, the seed command and the web
// app's entry (apps/web/index.html).
const appEntries = [
  "apps/server/src/main.ts",
  "apps/server/src/worker.ts",
  "apps/server/src/migrate.ts",
  "apps/server/src/cluster-primary.ts",
  "apps/server/src/seed.ts",
  "apps/web/src/main.tsx",
];

/** Every file a workspace package exports, except its test entries (`./testing`) and the test package itself. */
function packageEntries(): string[] {
  return ["apps", "packages"].flatMap((group) =>
    readdirSync(path.join(repositoryRoot, group)).flatMap((name) => {
      const folder = `${group}/${name}`;
      const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, folder, "package.json"), "utf8")) as {
        name: string;
        exports?: Record<string, string>;
      };
      if (manifest.name === "@bookable/testing") return [];
      return Object.entries(manifest.exports ?? {})
        .filter(([subpath]) => !subpath.includes("testing"))
        .map(([, file]) => path.posix.join(folder, file));
    }),
  );
}

const TEST_CODE = /^packages\/testing\/|(^|\/)testing\/|^apps\/server\/(test|ops)\/|\.test\.tsx?$|(^|\/)vitest\./;
// Not modules the walk can follow: Node's built-ins and the web app's stylesheet (Vite handles it).
const NOT_A_MODULE = /^node:|\.css$/;

interface ImportGraph {
  /** Each reached file (relative to the repository), with the file that first imported it (null for an entry). */
  importedBy: Map<string, string | null>;
  unresolved: string[];
}

/** Breadth first from the entries, so the chain to any file is a shortest one. Third-party code is not followed. */
function walkImports(entries: string[]): ImportGraph {
  // Bundler resolution reads both the server's NodeNext `.js` specifiers and the web app's extensionless ones.
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    resolveJsonModule: true,
  };
  const cache = ts.createModuleResolutionCache(repositoryRoot, (file) => file, options);
  const importedBy = new Map<string, string | null>(entries.map((entry) => [entry, null]));
  const unresolved: string[] = [];
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const absolute = path.join(repositoryRoot, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(absolute, "utf8"), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (NOT_A_MODULE.test(specifier)) continue;
      const resolved = ts.resolveModuleName(specifier, absolute, options, ts.sys, cache).resolvedModule;
      if (!resolved) {
        unresolved.push(`${file} → ${specifier}`);
        continue;
      }
      // Workspace packages are symlinked into node_modules; the resolver answers with their real path.
      const target = path.relative(repositoryRoot, resolved.resolvedFileName);
      if (target.startsWith("..") || target.includes("node_modules/") || importedBy.has(target)) continue;
      importedBy.set(target, file);
      queue.push(target);
    }
  }
  return { importedBy, unresolved };
}

function chainTo(file: string, importedBy: Map<string, string | null>): string {
  const chain = [file];
  for (let step = importedBy.get(file); step; step = importedBy.get(step)) chain.unshift(step);
  return chain.join(" → ");
}

describe("production entry points", () => {
  const entries = [...appEntries, ...packageEntries()];
  const { importedBy, unresolved } = walkImports(entries);

  it("reach no fake, test helper, ops check or test file", () => {
    // One line per way in: the chain from an entry to the first test module on it.
    const firstTestModules = [...importedBy.keys()].filter(
      (file) => TEST_CODE.test(file) && !TEST_CODE.test(importedBy.get(file) ?? ""),
    );
    expect(firstTestModules.map((file) => chainTo(file, importedBy))).toEqual([]);
  });

  it("are walked through the workspace packages' exports, every import resolved", () => {
    // Reached only through `@bookable/*` imports: proves the walk follows them into the other packages.
    for (const deep of ["packages/core/src/app-error.ts", "packages/integrations/src/payments/", "apps/web/src/router.tsx"]) {
      expect(
        [...importedBy.keys()].some((file) => file.startsWith(deep)),
        deep,
      ).toBe(true);
    }
    expect(unresolved).toEqual([]);
  });
});
