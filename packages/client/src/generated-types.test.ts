// The committed types must be what the generator makes from today's procedures: a REST operation added or
// changed without `pnpm --filter @bookable/client generate` fails here, before a client user meets it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiTypesSource } from "../scripts/api-types-source.js";

describe("the generated API types", () => {
  it("match the OpenAPI document of the procedures (run `pnpm --filter @bookable/client generate` if not)", async () => {
    const committed = readFileSync(new URL("./generated/api.ts", import.meta.url), "utf8");
    const fresh = await apiTypesSource();
    // Compared as text so that the failure shows the diff; the message names the command that fixes it.
    expect(committed, "src/generated/api.ts is stale: run `pnpm --filter @bookable/client generate`").toBe(fresh);
    expect(fresh).toContain('"/bookings/{id}/cancel"');
  });

  it("are the same on every run", async () => {
    expect(await apiTypesSource()).toBe(await apiTypesSource());
  });
});
