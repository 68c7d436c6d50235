// Production build of the server: one ESM bundle per entry point with our workspace packages inlined and
// every third-party package left as an import (installed by `pnpm deploy`), plus the SQL migrations and
// the built web app copied beside it, so `dist/` with node_modules is the whole deployable artefact.
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, "dist");
const webDist = path.join(here, "../web/dist");
const migrations = path.join(here, "../../packages/db/migrations");

/** Bundle @bookable/* sources; keep every other bare import external. */
const externalizeThirdParty = {
  name: "externalize-third-party",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@bookable/")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: { main: "src/main.ts", migrate: "src/migrate.ts", worker: "src/worker.ts" },
  outdir: dist,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  sourcemap: false,
  legalComments: "none",
  plugins: [externalizeThirdParty],
  logLevel: "warning",
});
cpSync(migrations, path.join(dist, "migrations"), { recursive: true });
if (existsSync(path.join(webDist, "index.html"))) {
  cpSync(webDist, path.join(dist, "public"), { recursive: true });
} else {
  console.warn("apps/web/dist is missing: the server will run without the web app (build it first).");
}
console.log("server built into apps/server/dist");
