// Run with `pnpm exec vitest bench --run apps/server/src/availability-request`. The CPU one availability
// request costs end to end (routing, validation, version read, database driver, slot computation,
// serialisation): uncached (AVAILABILITY_CACHE_MB=0) with and without output validation, and a cache hit
// (as JSON and brotli), measured with process.cpuUsage over many in-process `inject` calls on the machine's
// PostgreSQL (PGlite runs inside this process and would count its own CPU too). Issue 12 asks for a month
// in < 5 ms of CPU uncached and < 0.3 ms from the cache; this prints the numbers and a digest of the answer
// (to compare bytes before and after a change), it asserts nothing.
import { createHash } from "node:crypto";
import { testDatabaseTargets } from "@bookable/db/testing";
import { inject, test } from "vitest";
import { createTestResource } from "../test/resource-helpers.js";
import { buildTestServer } from "../test/test-server.js";

const REQUESTS = 200;
const ROUNDS = 5;
const target = testDatabaseTargets(inject("postgresAdminUrl")).at(-1) ?? { driver: "pglite" as const };

// VALIDATE_OUTPUT=true is development and tests; false is production's default.
const cases = [
  { validateOutput: "true", cacheMb: "0", acceptEncoding: "identity" },
  { validateOutput: "false", cacheMb: "0", acceptEncoding: "identity" },
  { validateOutput: "false", cacheMb: "64", acceptEncoding: "identity" },
  { validateOutput: "false", cacheMb: "64", acceptEncoding: "br" },
];
test.each(cases)(
  `CPU per availability request: 30 days of a 24/7 15-minute resource (${target.driver}, VALIDATE_OUTPUT=$validateOutput, AVAILABILITY_CACHE_MB=$cacheMb, Accept-Encoding: $acceptEncoding)`,
  async ({ validateOutput, cacheMb, acceptEncoding }) => {
    const server = await buildTestServer(target, {
      AUTH_RATE_LIMIT_PER_MINUTE: "100000",
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      VALIDATE_OUTPUT: validateOutput,
      AVAILABILITY_CACHE_MB: cacheMb,
    });
    try {
      const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));
      const resource = await createTestResource(server, {
        slotMinutes: 15,
        weeklyHours: everyDay,
        timeZone: "Europe/Berlin",
        horizonDays: 730,
      });
      // Next year's October: a window crossing the autumn change, far enough ahead that min notice never trims it.
      const from = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 9, 10)).toISOString();
      const to = new Date(Date.parse(from) + 30 * 24 * 3600 * 1000).toISOString();
      const url = `/api/v1/resources/${resource.id}/availability?from=${from}&to=${to}`;
      const request = async () => {
        const response = await server.app.inject({ method: "GET", url, headers: { "accept-encoding": acceptEncoding } });
        if (response.statusCode !== 200) throw new Error(`availability answered ${response.statusCode}: ${response.body}`);
        return response;
      };
      const first = await request();
      const digest = createHash("sha256").update(first.rawPayload).digest("hex").slice(0, 16);
      console.log(`answer: ${first.rawPayload.length} bytes (${acceptEncoding}), sha256 ${digest}…`);
      for (let warm = 0; warm < 50; warm++) await request();
      for (let round = 1; round <= ROUNDS; round++) {
        const cpu = process.cpuUsage();
        const began = performance.now();
        for (let index = 0; index < REQUESTS; index++) await request();
        const used = process.cpuUsage(cpu);
        const wall = performance.now() - began;
        const perRequest = (used.user + used.system) / 1000 / REQUESTS;
        console.log(
          `round ${round}: ${perRequest.toFixed(2)} ms CPU per request (user ${(used.user / 1000 / REQUESTS).toFixed(2)} ms), ${(wall / REQUESTS).toFixed(2)} ms wall`,
        );
      }
    } finally {
      await server.close();
    }
  },
);
