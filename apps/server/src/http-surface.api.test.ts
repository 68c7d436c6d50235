// The non-API surface of the server: health, readiness, the API reference page and the web app.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe("the HTTP surface", () => {
  let server: TestServer;
  const webDist = mkdtempSync(path.join(tmpdir(), "bookable-web-"));

  beforeAll(async () => {
    writeFileSync(path.join(webDist, "index.html"), "<!doctype html><title>Bookable</title><div id=root></div>");
    server = await buildTestServer({ driver: "pglite" }, { WEB_DIST_DIR: webDist });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it("answers /healthz and /readyz while the database is up", async () => {
    expect((await server.app.inject("/healthz")).json()).toEqual({ status: "ok" });
    const ready = await server.app.inject("/readyz");
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ready", database: "pglite", queue: "ready" });
  });

  it("serves the interactive API reference, with its script served locally", async () => {
    const page = await server.app.inject("/api/docs/");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("/api/v1/openapi.json");
    const script = await server.app.inject("/api/docs/js/scalar.js");
    expect(script.statusCode).toBe(200);
    expect(script.headers["content-type"]).toContain("javascript");
  });

  it("serves the web app at / and for client-side routes, but not for API paths", async () => {
    const home = await server.app.inject({ url: "/", headers: { accept: "text/html" } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain("<title>Bookable</title>");
    const route = await server.app.inject({ url: "/sign-up", headers: { accept: "text/html,application/xhtml+xml" } });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain("<div id=root>");
    const api = await server.app.inject({ url: "/api/v1/missing", headers: { accept: "text/html" } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe("NOT_FOUND");
  });

  it("keeps a caller's request id and makes one otherwise", async () => {
    const kept = await server.app.inject({ url: "/healthz", headers: { "x-request-id": "trace-123" } });
    expect(kept.headers["x-request-id"]).toBe("trace-123");
    const made = await server.app.inject({ url: "/healthz", headers: { "x-request-id": "bad id with spaces" } });
    expect(made.headers["x-request-id"]).toMatch(/^req_[0-9a-f-]{36}$/);
  });

  it("reports not ready once the database is gone", async () => {
    const broken = await buildTestServer({ driver: "pglite" });
    await broken.database.close();
    try {
      const response = await broken.app.inject("/readyz");
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: { code: "SERVICE_UNAVAILABLE", errorId: expect.stringMatching(/^err_/) } });
    } finally {
      await broken.app.close();
    }
  });
});
