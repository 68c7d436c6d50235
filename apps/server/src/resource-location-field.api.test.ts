// Proof of docs/extending.md: `location` was added to resources exactly as the guide says (the Zod contract,
// the column and its migration, the two lines of core's mapping, the form control). With that and nothing else,
// the field is typed for the React client, validated on both surfaces, and described in the OpenAPI document.
import type { AppRouter } from "@bookable/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { bearer } from "../test/account-helpers.js";
import { adminToken } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const newResource = {
  name: "Room with a location",
  timeZone: "Europe/Berlin",
  slotMinutes: 60,
  weeklyHours: [{ weekday: 1, start: "09:00", end: "17:00" }],
};
const tooLong = "x".repeat(201);

describe("a field added per docs/extending.md (resource location)", () => {
  let server: TestServer;
  let admin: Record<string, string>;

  beforeAll(async () => {
    server = await buildTestServer({ driver: "pglite" });
    admin = bearer(await adminToken(server));
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is in the types the React client infers from AppRouter", () => {
    // apps/web's useTRPC() is createTRPCContext<AppRouter>(): these are the types its hooks carry.
    expectTypeOf<inferRouterOutputs<AppRouter>["resources"]["get"]["location"]>().toEqualTypeOf<string>();
    expectTypeOf<inferRouterInputs<AppRouter>["resources"]["create"]["location"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<inferRouterInputs<AppRouter>["resources"]["update"]["location"]>().toEqualTypeOf<string | undefined>();
  });

  it("round-trips through tRPC: create, read, change", async () => {
    const created = await server.postJson(
      "/trpc/resources.create",
      { ...newResource, location: "  Building B, 2nd floor " },
      admin,
    );
    expect(created.statusCode).toBe(200);
    const resource = created.json().result.data as { id: string; location: string };
    expect(resource.location).toBe("Building B, 2nd floor");

    const read = await server.app.inject({
      url: `/trpc/resources.get?input=${encodeURIComponent(JSON.stringify({ id: resource.id }))}`,
    });
    expect(read.json().result.data.location).toBe("Building B, 2nd floor");

    const changed = await server.postJson("/trpc/resources.update", { id: resource.id, location: "Annex" }, admin);
    expect(changed.json().result.data.location).toBe("Annex");
  });

  it("round-trips through REST: create, read, change, and is empty when not given", async () => {
    const created = await server.postJson(
      "/api/v1/resources",
      { ...newResource, name: "REST room", location: "Building B" },
      admin,
    );
    expect(created.statusCode).toBe(201);
    const { id, location } = created.json() as { id: string; location: string };
    expect(location).toBe("Building B");

    expect((await server.app.inject({ url: `/api/v1/resources/${id}` })).json().location).toBe("Building B");

    const changed = await server.app.inject({
      method: "PATCH",
      url: `/api/v1/resources/${id}`,
      headers: admin,
      payload: { location: "Annex" },
    });
    expect(changed.json().location).toBe("Annex");

    const without = await server.postJson("/api/v1/resources", { ...newResource, name: "Room without a location" }, admin);
    expect(without.json().location).toBe("");
  });

  it("refuses a location over 200 characters on both surfaces, naming the field", async () => {
    const overTrpc = await server.postJson("/trpc/resources.create", { ...newResource, location: tooLong }, admin);
    expect(overTrpc.statusCode).toBe(400);
    expect(overTrpc.json().error.data).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: [{ path: "location", message: expect.any(String) }],
    });

    const overRest = await server.postJson("/api/v1/resources", { ...newResource, location: tooLong }, admin);
    expect(overRest.statusCode).toBe(400);
    expect(overRest.json().error).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: [{ path: "location", message: expect.any(String) }],
    });

    const lineBreak = await server.postJson("/api/v1/resources", { ...newResource, location: "Floor 1\nRoom 2" }, admin);
    expect(lineBreak.statusCode).toBe(400);
    expect(lineBreak.json().error.issues).toEqual([{ path: "location", message: "Remove control characters and line breaks" }]);
  });

  it("is described in /api/v1/openapi.json with its limit, on input and output", async () => {
    const document = (await server.app.inject({ url: "/api/v1/openapi.json" })).json() as OpenApiDocument;
    const requestSchema = (path: string, method: string) =>
      document.paths[path]?.[method]?.requestBody.content["application/json"]?.schema;
    const create = requestSchema("/resources", "post");
    expect(create?.properties.location).toMatchObject({ type: "string", maxLength: 200, example: "Building B, second floor" });
    expect(create?.required).not.toContain("location");
    expect(requestSchema("/resources/{id}", "patch")?.properties.location).toMatchObject({ type: "string", maxLength: 200 });
    const output = document.components.schemas.Resource;
    expect(output?.properties.location).toMatchObject({ type: "string" });
    expect(output?.required).toContain("location");
  });
});

interface ObjectSchema {
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: ObjectSchema }> } }>>;
  components: { schemas: Record<string, ObjectSchema> };
}
