// The two files generated from config.ts, and what each should hold; shared by `pnpm docs:config`, which
// writes them, and by the test that fails when a committed one is stale.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { configSchema } from "../config.js";
import { describeSettings } from "./describe-settings.js";
import { renderConfigurationPage } from "./render-configuration-page.js";
import { renderEnvExample } from "./render-env-example.js";

const repositoryRoot = path.resolve(import.meta.dirname, "../../../..");

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  absolutePath: string;
  contents: string;
}

/**
 * The page as Biome formats Markdown (padded table columns), so `pnpm lint` and `pnpm format` leave the
 * generated file as it is. Biome's own formatter is asked rather than imitated.
 */
function formattedLikeBiome(relativePath: string, contents: string): string {
  const biome = path.join(repositoryRoot, "node_modules", ".bin", "biome");
  const result = spawnSync(biome, ["format", `--stdin-file-path=${relativePath}`], {
    cwd: repositoryRoot,
    input: contents,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`biome could not format ${relativePath}: ${result.stderr}`);
  return result.stdout;
}

export function configReferenceFiles(): GeneratedFile[] {
  const settings = describeSettings(configSchema);
  return [
    { path: "docs/configuration.md", contents: formattedLikeBiome("docs/configuration.md", renderConfigurationPage(settings)) },
    { path: ".env.example", contents: renderEnvExample(settings) },
  ].map((file) => ({ ...file, absolutePath: path.join(repositoryRoot, file.path) }));
}
