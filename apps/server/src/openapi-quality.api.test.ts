// Issue 16: the OpenAPI document stays clean under Redocly's recommended rules, and every operation is
// complete for an integrator: an operationId, examples of its request and answer, and the error responses it
// can give, each in the one error shape. Operations added later are held to the same (see docs/rest-api.md).
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestServer, type TestServer } from "../test/test-server.js";

interface MediaType {
  schema?: { $ref?: string };
  example?: unknown;
  examples?: Record<string, unknown>;
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { description?: string; content?: Record<string, MediaType> }>;
}

const WRITES = new Set(["post", "put", "patch", "delete"]);

describe("the OpenAPI document's quality", () => {
  let server: TestServer;
  let document: { paths: Record<string, Record<string, Operation>> };
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, method, path, operation })),
    );

  beforeAll(async () => {
    // Not example.com: Redocly's no-server-example.com would (rightly) flag the served document's server.
    server = await buildTestServer({ driver: "pglite" }, { PUBLIC_URL: "https://bookable.test" });
    const response = await server.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(response.statusCode).toBe(200);
    document = response.json();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is clean under Redocly's recommended rules, examples checked against their schemas", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: "openapi.json", config });
    const found = problems.map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`);
    expect(found).toEqual([]);
  });

  it("gives every operation an operationId, a summary, and examples of its request and success answer", () => {
    const missing: string[] = [];
    const ids = new Set<string>();
    for (const { name, operation } of operations()) {
      if (!operation.operationId) missing.push(`${name}: operationId`);
      else if (ids.has(operation.operationId)) missing.push(`${name}: duplicate operationId`);
      else ids.add(operation.operationId);
      if (!operation.summary) missing.push(`${name}: summary`);
      const body = operation.requestBody?.content["application/json"];
      if (operation.requestBody && body?.example === undefined && body?.examples === undefined)
        missing.push(`${name}: request example`);
      const successes = Object.entries(operation.responses).filter(([status]) => Number(status) < 300);
      if (successes.length === 0) missing.push(`${name}: success response`);
      for (const [status, response] of successes) {
        const json = response.content?.["application/json"];
        if (json && json.example === undefined && json.examples === undefined) missing.push(`${name}: ${status} example`);
      }
    }
    expect(missing).toEqual([]);
    expect(ids.size).toBeGreaterThan(40);
  });

  it("documents the errors each operation can give, all in the one error shape with an example", () => {
    const missing: string[] = [];
    for (const { name, method, path, operation } of operations()) {
      const isProtected = (operation.security?.length ?? 0) > 0;
      const takesInput = Boolean(operation.requestBody) || (operation.parameters?.length ?? 0) > 0;
      const expected = ["429", "500"];
      if (takesInput) expected.push("400");
      if (isProtected) expected.push("401", "403");
      if (path.includes("{")) expected.push("404");
      if (isProtected && WRITES.has(method)) expected.push("409", "422");
      for (const status of expected) if (!operation.responses[status]) missing.push(`${name}: ${status}`);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const json = response.content?.["application/json"];
        if (json?.schema?.$ref !== "#/components/schemas/ErrorResponse") missing.push(`${name}: ${status} not the error shape`);
        if (json?.example === undefined) missing.push(`${name}: ${status} example`);
        if (!response.description) missing.push(`${name}: ${status} description`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("lets every write of a signed-in caller take an Idempotency-Key, and only those", () => {
    for (const { name, method, operation } of operations()) {
      const header = operation.parameters?.filter(
        (parameter) => parameter.in === "header" && parameter.name === "Idempotency-Key",
      );
      const honoured = (operation.security?.length ?? 0) > 0 && WRITES.has(method);
      expect(header?.length ?? 0, name).toBe(honoured ? 1 : 0);
    }
  });
});
