// Issue 14 (decision 029): a procedure reads like a table of contents. It validates, authorises and calls a
// bound core service (`ctx.services.<area>`); it does not wire dependencies, open the database or map rows.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const routersFolder = dirname(fileURLToPath(import.meta.url));
const routers = readdirSync(routersFolder).filter((file) => file.endsWith("-router.ts"));

describe.each(routers)("%s", (file) => {
  const source = readFileSync(join(routersFolder, file), "utf8");

  it("takes nothing from core but AppError", () => {
    const imported = [...source.matchAll(/import (?:type )?\{([^}]*)\} from "@bookable\/core"/g)].flatMap((match) =>
      (match[1] ?? "")
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean),
    );
    expect(imported.filter((name) => name !== "AppError")).toEqual([]);
  });

  it("reaches core only through ctx.services", () => {
    expect(source.match(/ctx\.(db|accounts|payments|outbox|availabilityCache|resourceDefinitions)\b/g) ?? []).toEqual([]);
  });
});

it("finds the routers", () => {
  expect(routers.length).toBeGreaterThanOrEqual(8);
});
