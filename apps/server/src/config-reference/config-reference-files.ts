// The two files generated from config.ts, and what each should hold; shared by `pnpm docs:config`, which
// writes them, and by the test that fails when a committed one is stale.
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

export function configReferenceFiles(): GeneratedFile[] {
  const settings = describeSettings(configSchema);
  return [
    { path: "docs/configuration.md", contents: renderConfigurationPage(settings) },
    { path: ".env.example", contents: renderEnvExample(settings) },
  ].map((file) => ({ ...file, absolutePath: path.join(repositoryRoot, file.path) }));
}
