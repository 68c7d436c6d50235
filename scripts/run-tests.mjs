// `pnpm test`: builds what the tests serve (the web app and the production server bundle), runs every
// test once with Vitest (all three tiers: unit, integration, e2e; see vitest.config.ts), and ends with the
// line CI reads: "N passed, M failed, K skipped".
// Extra arguments go to Vitest, e.g. `pnpm test apps/server`. `--project <tier>` runs one tier
// (`pnpm test:unit` and friends); only the e2e tier serves the build, so the others skip it.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const report = path.join(root, ".test-results", "vitest.json");
mkdirSync(path.dirname(report), { recursive: true });

const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: "inherit" }).status ?? 1;

const vitestArguments = process.argv.slice(2);
const projects = vitestArguments.flatMap((argument, index) => {
  if (argument.startsWith("--project=")) return [argument.slice("--project=".length)];
  return argument === "--project" ? [vitestArguments[index + 1] ?? ""] : [];
});
const tiersWithoutBuild = new Set(["unit", "integration"]);
const needsBuild = projects.length === 0 || projects.some((project) => !tiersWithoutBuild.has(project));

if (needsBuild && run("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"]) !== 0) {
  console.error("Build failed; tests not run.");
  console.log("0 passed, 1 failed, 0 skipped");
  process.exit(1);
}

const status = run("pnpm", [
  "exec",
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...vitestArguments,
]);

let summary;
try {
  const results = JSON.parse(readFileSync(report, "utf8"));
  // A file that fails to load (or a failing beforeAll) has no failed test but is a failure all the same.
  const failed = status !== 0 && results.numFailedTests === 0 ? 1 : results.numFailedTests;
  summary = `${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests + results.numTodoTests} skipped`;
} catch {
  summary = "0 passed, 1 failed, 0 skipped";
}
console.log(summary);
process.exit(status);
