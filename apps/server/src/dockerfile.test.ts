// The Dockerfile's dependency layer installs with --frozen-lockfile from the workspace manifests alone, so
// it must copy every workspace package's package.json: a missing one fails the image build (no Docker engine
// runs here, so this is checked by reading the file).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

describe("Dockerfile", () => {
  it("copies the package.json of every workspace package before installing", () => {
    const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
    const copied = new Set(
      [...dockerfile.matchAll(/^COPY ((?:apps|packages)\/[\w-]+)\/package\.json /gm)].map((match) => match[1]),
    );
    const workspace = ["apps", "packages"].flatMap((folder) =>
      readdirSync(path.join(root, folder), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${folder}/${entry.name}`),
    );
    expect([...copied].sort()).toEqual(workspace.sort());
  });

  it("runs as a non-root user with a health check, and ships the worker and migration entry points", () => {
    const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toContain("node dist/worker.js");
    expect(dockerfile).toContain("node dist/migrate.js");
    const build = readFileSync(path.join(root, "apps/server/build.mjs"), "utf8");
    expect(build).toMatch(/worker: "src\/worker\.ts"/);
  });
});
