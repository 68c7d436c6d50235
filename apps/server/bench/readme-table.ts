// `pnpm --filter @bookable/server bench:readme`: puts the table of the latest `pnpm bench` run
// (apps/server/bench/results/latest.json) into README.md, between the bench markers.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type LatestRun, markdownTable } from "./bench-report.js";

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";
const latestFile = fileURLToPath(new URL("./results/latest.json", import.meta.url));
const readmeFile = fileURLToPath(new URL("../../../README.md", import.meta.url));

const run = JSON.parse(readFileSync(latestFile, "utf8")) as LatestRun;
const readme = readFileSync(readmeFile, "utf8");
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`README.md has no ${START} … ${END} section to fill.`);
  process.exit(1);
}
writeFileSync(readmeFile, `${readme.slice(0, start + START.length)}\n\n${markdownTable(run)}\n\n${readme.slice(end)}`);
console.log(`README.md now shows the run of ${run.finishedAt}.`);
