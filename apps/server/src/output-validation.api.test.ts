// VALIDATE_OUTPUT: answers are checked against their output schemas in development and tests, trusted in
// production (issue 12), and either way the published contract and the bytes served are the same.
import { testDatabaseTargets } from "@bookable/db/testing";
import { availabilityOutput } from "@bookable/validators";
import { afterAll, beforeAll, describe, expect, inject, it, type MockInstance, vi } from "vitest";
import { createTestResource } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("output validation on $driver", (target) => {
  let parse: MockInstance<typeof availabilityOutput.parseAsync>;
  let validating: TestServer;
  let trusting: TestServer;

  beforeAll(async () => {
    // tRPC binds the schema's parse function when the router is built, so the spy must come first.
    parse = vi.spyOn(availabilityOutput, "parseAsync");
    validating = await buildTestServer(target);
    trusting = await buildTestServer(target, { VALIDATE_OUTPUT: "false" });
  });
  afterAll(async () => {
    await validating?.close();
    await trusting?.close();
    parse?.mockRestore();
  });

  /** A week of a 24/7 resource with 15-minute slots, a daylight-saving change inside it. */
  async function week(server: TestServer) {
    const resource = await createTestResource(server, {
      slotMinutes: 15,
      weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
      horizonDays: 730,
    });
    const year = new Date().getUTCFullYear() + 1;
    // The last Sunday of October, Berlin's fall-back day, lies inside 24–31 October.
    const from = `${year}-10-24T00:00:00Z`;
    const to = `${year}-10-31T00:00:00Z`;
    parse.mockClear();
    const response = await server.app.inject(`/api/v1/resources/${resource.id}/availability?from=${from}&to=${to}`);
    expect(response.statusCode).toBe(200);
    return { body: response.body, parsed: parse.mock.calls.length };
  }

  it("checks the availability answer by default and skips it with VALIDATE_OUTPUT=false, serving the same bytes", async () => {
    const checked = await week(validating);
    const trusted = await week(trusting);
    expect(validating.config.VALIDATE_OUTPUT).toBe(true);
    expect(checked.parsed).toBe(1);
    expect(trusted.parsed).toBe(0);
    expect(trusted.body).toBe(checked.body);
    expect(JSON.parse(trusted.body).slots).toHaveLength(7 * 96);
  });

  it("publishes the same OpenAPI document either way", async () => {
    const document = async (server: TestServer) => (await server.app.inject("/api/v1/openapi.json")).body;
    const published = await document(validating);
    expect(JSON.parse(published).components.schemas.Availability).toBeDefined();
    expect(await document(trusting)).toBe(published);
  });
});
