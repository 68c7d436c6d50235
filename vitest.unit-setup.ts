// The unit tier's promise, kept by the machine rather than by review: a unit test does no I/O. A file that
// opens a socket (a server of its own, PostgreSQL, Redis, a fake vendor API) or an embedded PGlite database
// fails here with a message that says where it belongs, instead of slowing the tier down unnoticed.
import { readFileSync } from "node:fs";
import { findPackageJSON } from "node:module";
import net from "node:net";
import { pathToFileURL } from "node:url";

function refuse(what: string): never {
  throw new Error(
    `A unit test may not ${what}. Name the file *.api.test.ts, or list it under integrationFiles (or ` +
      "endToEndFiles) in vitest.config.ts; see docs/decisions/025-test-tiers.md.",
  );
}

net.Server.prototype.listen = function listen(): never {
  refuse("start a server (net.Server.listen)");
};
net.Socket.prototype.connect = function connect(): never {
  refuse("open a network connection (net.Socket.connect)");
};

// Patched on the module instance the db package loads: its ESM entry, found from the db package because
// pnpm gives the repository root no copy of its own.
const pgliteManifest = findPackageJSON("@electric-sql/pglite", new URL("./packages/db/package.json", import.meta.url));
if (!pgliteManifest) throw new Error("@electric-sql/pglite is not installed for packages/db; run pnpm install.");
const { exports } = JSON.parse(readFileSync(pgliteManifest, "utf8")) as { exports: { ".": { import: { default: string } } } };
const pgliteEntry = new URL(exports["."].import.default, pathToFileURL(pgliteManifest));
const { PGlite } = (await import(pgliteEntry.href)) as { PGlite: { create: (...options: unknown[]) => unknown } };
PGlite.create = (): never => refuse("open a database (PGlite.create)");
