// Issue 11 item 11: JSON nested 100,000 deep overflowed the stack in the tRPC adapter (500). It is refused
// with 400 in the one error shape before anything parses it, on /trpc (body and GET `input=`) and /api/v1.
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const nestedArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
// A valid request whose `notes` is replaced by a nested value: the nesting is where a procedure reads input.
const bodyWith = (nested: string) => `{"email":"ada@example.com","password":"whatever","extra":${nested}}`;

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("deeply nested JSON on $driver", (target) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000", API_RATE_LIMIT_PER_MINUTE: "10000" });
  });
  afterAll(async () => {
    await server?.close();
  });

  const expectTooDeep = (response: { statusCode: number; json(): unknown }) => {
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: "The JSON is nested deeper than 64 levels",
        errorId: expect.stringMatching(/^err_/),
      },
    });
  };

  const urls = ["/trpc/auth.signIn", "/trpc/auth.signIn?batch=1", "/api/v1/auth/token", "/api/v1/users"];

  it.each(urls)("refuses a 100,000-deep array and object in a body to %s, and keeps answering", async (url) => {
    for (const nested of [nestedArrays(100_000), nestedObjects(100_000)]) {
      expectTooDeep(await server.postJson(url, nested));
      expectTooDeep(await server.postJson(url, bodyWith(nested)));
    }
    expect((await server.app.inject({ url: "/healthz" })).statusCode).toBe(200);
    expect((await server.app.inject({ url: "/api/v1/resources" })).statusCode).toBe(200);
  });

  it("refuses a 100,000-deep tRPC `input` query parameter", async () => {
    for (const nested of [nestedArrays(100_000), nestedObjects(100_000)]) {
      expectTooDeep(await server.app.inject({ url: `/trpc/auth.viewer?input=${encodeURIComponent(nested)}` }));
      expectTooDeep(
        await server.app.inject({
          url: `/trpc/auth.viewer,resources.list?batch=1&input=${encodeURIComponent(`{"0":${nested}}`)}`,
        }),
      );
    }
    expect((await server.app.inject({ url: "/trpc/auth.viewer" })).statusCode).toBe(200);
  });

  it("accepts 50 levels: the input is judged by the procedure as usual", async () => {
    const signIn = await server.postJson("/api/v1/auth/token", bodyWith(nestedObjects(50)));
    expect(signIn.statusCode).toBe(401);
    const trpcSignIn = await server.postJson("/trpc/auth.signIn", bodyWith(nestedArrays(50)));
    expect(trpcSignIn.statusCode).toBe(401);
    const viewer = await server.app.inject({ url: `/trpc/auth.viewer?input=${encodeURIComponent(nestedArrays(50))}` });
    expect(viewer.statusCode).not.toBe(500);
  });

  it("never logged a server error", () => {
    expect(server.logs.filter((line) => line.level === 50)).toEqual([]);
  });
});
