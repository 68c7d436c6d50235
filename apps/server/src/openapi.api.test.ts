import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe("the OpenAPI document", () => {
  let server: TestServer;
  let document: Record<string, unknown>;

  beforeAll(async () => {
    server = await buildTestServer({ driver: "pglite" }, { PUBLIC_URL: "https://bookable.example.com" });
    const response = await server.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("application/json");
    document = response.json();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is a valid OpenAPI 3.1 document", async () => {
    // validate() dereferences in place, so give it a copy.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(document).toMatchObject({ openapi: "3.1.0", servers: [{ url: "https://bookable.example.com/api/v1" }] });
  });

  it("describes POST /users with the registration schema, a 201 and the one error shape", async () => {
    const api = (await SwaggerParser.dereference(structuredClone(document) as never)) as unknown as {
      paths: Record<
        string,
        Record<string, { security?: unknown[]; requestBody: SchemaHolder; responses: Record<string, SchemaHolder> }>
      >;
    };
    const operation = api.paths["/users"]?.post;
    expect(operation).toBeDefined();
    if (!operation) return;
    const input = operation.requestBody.content["application/json"]?.schema;
    expect(input?.required).toEqual(["username", "email", "password"]);
    expect(input?.properties.email).toMatchObject({ type: "string", format: "email" });
    expect(input?.properties.password).toMatchObject({ type: "string", minLength: 8 });
    expect(input?.properties.username).toMatchObject({ minLength: 3, maxLength: 32, example: "ada_lovelace" });
    expect(Object.keys(operation.responses).sort()).toEqual(["201", "400", "403", "409", "429", "500"]);
    const created = operation.responses["201"]?.content["application/json"]?.schema;
    expect(Object.keys(created?.properties.user?.properties ?? {}).sort()).toEqual([
      "createdAt",
      "email",
      "emailVerified",
      "id",
      "role",
      "username",
    ]);
    const errorSchema = operation.responses["400"]?.content["application/json"]?.schema;
    expect(errorSchema?.properties.error?.required).toEqual(["code", "message", "errorId"]);
    expect(operation.security ?? []).toEqual([]);
  });
});

interface SchemaHolder {
  content: Partial<Record<string, { schema: JsonSchema }>>;
}
interface JsonSchema {
  required?: string[];
  properties: Partial<Record<string, JsonSchema & Record<string, unknown>>>;
}
