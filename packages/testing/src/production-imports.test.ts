// Issue 14: no production entry point can import a fake. dependency-cruiser walks the import graph (type-only
// imports included) from every entry a deployment or a package consumer starts at, and a `reachable` rule fails
// on any test code it reaches: this package, a `testing/` folder, the server's test helpers and ops checks, or a
// test file.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type ICruiseResult } from "dependency-cruiser";
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

const TEST_CODE = ["^packages/testing/", "(^|/)testing/", "^apps/server/(test|ops)/", "\\.test\\.tsx?$", "(^|/)vitest\\."].join(
  "|",
);
const isTestCode = (file: string) => new RegExp(TEST_CODE).test(file);

async function importGraph(entries: string[]): Promise<ICruiseResult> {
  const { output } = await cruise(entries, {
    baseDir: repositoryRoot,
    validate: true,
    ruleSet: {
      forbidden: [
        {
          name: "no-test-code-in-production",
          severity: "error",
          from: { path: `^(${entries.map((entry) => entry.replaceAll(".", "\\.")).join("|")})$` },
          to: { path: TEST_CODE, reachable: true },
        },
      ],
    },
    // Third-party code is not ours to check; its own test files would only be noise.
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "default"],
      extensions: [".ts", ".tsx", ".js", ".mjs"],
    },
  });
  if (typeof output === "string") throw new Error(`dependency-cruiser gave a report, not a graph: ${output}`);
  return output;
}

describe("production entry points", () => {
  const entries = [...appEntries, ...packageEntries()];
  const graph = importGraph(entries);

  it("reach no fake, test helper, ops check or test file", async () => {
    const { summary } = await graph;
    // One line per way in: the chain from the entry up to the first test module it reaches.
    const waysIn = summary.violations.map((violation) => {
      const chain = [violation.from, ...(violation.via ?? []).map((step) => step.name)];
      return chain.slice(0, chain.findIndex(isTestCode) + 1).join(" → ");
    });
    expect([...new Set(waysIn)]).toEqual([]);
  });

  it("are walked through the workspace packages' exports, every import resolved", async () => {
    const { modules } = await graph;
    const sources = new Set(modules.map((module) => module.source));
    // Reached only through package exports: proves the walk follows `@bookable/*` imports into other packages.
    for (const deep of ["packages/core/src/app-error.ts", "packages/integrations/src/payments", "apps/web/src/router.tsx"]) {
      expect([...sources].some((source) => source.startsWith(deep))).toBe(true);
    }
    const unresolved = modules.flatMap((module) =>
      module.dependencies
        .filter((dependency) => dependency.couldNotResolve)
        .map((dependency) => `${module.source} → ${dependency.module}`),
    );
    expect(unresolved).toEqual([]);
    expect(entries.filter((entry) => !sources.has(entry))).toEqual([]);
  });
});
