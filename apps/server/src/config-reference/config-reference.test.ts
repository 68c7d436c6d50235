import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configSchema } from "../config.js";
import { configReferenceFiles } from "./config-reference-files.js";
import { describeSettings } from "./describe-settings.js";

function committed(absolutePath: string): string {
  try {
    return readFileSync(absolutePath, "utf8");
  } catch {
    return "";
  }
}

describe("the configuration reference generated from config.ts", () => {
  it("describes every setting", () => {
    const undescribed = describeSettings(configSchema)
      .filter((setting) => setting.description.trim() === "")
      .map((setting) => setting.name);
    expect(undescribed, "give each of these a .describe() text in apps/server/src/config.ts").toEqual([]);
  });

  for (const file of configReferenceFiles()) {
    it(`${file.path} is up to date`, () => {
      expect(
        committed(file.absolutePath) === file.contents,
        `${file.path} differs from what apps/server/src/config.ts says; run \`pnpm docs:config\` and commit the result`,
      ).toBe(true);
    });
  }

  it("lists each setting with its type, default and allowed values", () => {
    const page = configReferenceFiles()[0]?.contents ?? "";
    // Biome pads the columns; the cells are what matters.
    const escaped = (cell: string) => cell.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const row = (...cells: string[]) => new RegExp(`^\\| ${cells.map(escaped).join(" +\\| ")} +\\|`, "m");
    expect(page).toMatch(row("`PORT`", "integer", "`3000`", "0–65535", "TCP port to listen on."));
    expect(page).toMatch(row("`LOG_LEVEL`", "one of", "`info`", "`fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`"));
    expect(page).toMatch(row("`OIDC_NAME`", "string", "`Single sign-on`", "0–40 characters"));
    expect(page).toMatch(row("`WEB_CONCURRENCY`", "integer", "CPUs with `DATABASE_URL`, else `1`", "1–256"));
  });

  it("writes .env.example with every setting commented out at its default", () => {
    const environment = configReferenceFiles()[1]?.contents ?? "";
    for (const setting of describeSettings(configSchema)) expect(environment).toMatch(new RegExp(`^# ${setting.name}=`, "m"));
    expect(environment).toContain("\n# PORT=3000\n");
    expect(environment).toContain('\n# OIDC_NAME="Single sign-on"\n');
    expect(environment).not.toMatch(/^[A-Z_]+=/m);
  });
});
