// `pnpm docs:config`: writes docs/configuration.md and .env.example from config.ts.
import { writeFileSync } from "node:fs";
import { configReferenceFiles } from "./config-reference-files.js";

for (const file of configReferenceFiles()) {
  writeFileSync(file.absolutePath, file.contents);
  console.log(`wrote ${file.path}`);
}
