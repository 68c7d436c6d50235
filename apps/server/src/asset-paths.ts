import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { migrationsFolder as sourceMigrationsFolder } from "@bookable/db/migrations-folder";

// The production build (build.mjs) copies the migrations and the built web app beside the bundled
// server, so the deployed artefact is self-contained; from source they are read where they live.
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export function migrationsFolder(): string {
  const bundled = here("./migrations");
  return existsSync(bundled) ? bundled : sourceMigrationsFolder;
}

export function defaultWebDistDir(): string {
  const bundled = here("./public");
  return existsSync(bundled) ? bundled : here("../../web/dist");
}

/** The server package's own folder (apps/server, or the deployed app's root), whether run from src/ or dist/. */
export function defaultDataDir(): string {
  return here("../.data");
}
