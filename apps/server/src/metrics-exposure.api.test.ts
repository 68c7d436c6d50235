// Issue 11: /metrics was open in production unless METRICS_TOKEN was set. In production without a token it
// is served only by a listener bound to 127.0.0.1 (METRICS_PORT), and the start log says which applies.
import type { AddressInfo } from "node:net";
import { freePort } from "@bookable/testing/free-port";
import { afterEach, describe, expect, it } from "vitest";
import { buildTestServer, type TestServer } from "../test/test-server.js";
import { startMetricsListener } from "./metrics-listener.js";

describe("where /metrics is served", () => {
  const servers: TestServer[] = [];
  const start = async (environment: Record<string, string>) => {
    const server = await buildTestServer({ driver: "pglite" }, environment);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  const startLog = (server: TestServer) => server.logs.find((line) => typeof line.metrics === "string");

  it("in production without METRICS_TOKEN: not on the public port, only on 127.0.0.1:METRICS_PORT", async () => {
    const port = await freePort();
    const server = await start({ NODE_ENV: "production", METRICS_PORT: String(port) });
    // Whatever a proxy in front forwards, the public port has no /metrics, from loopback or elsewhere.
    for (const remoteAddress of ["203.0.113.7", "127.0.0.1"]) {
      expect((await server.app.inject({ url: "/metrics", remoteAddress })).statusCode).toBe(404);
    }
    expect(startLog(server)).toMatchObject({ metrics: "loopback", metricsPort: port });
    expect(String(startLog(server)?.msg)).toContain(`127.0.0.1:${port}`);

    const listener = await startMetricsListener(server.app.metrics, server.app.log, server.config.METRICS_PORT);
    if (!listener) throw new Error("the metrics listener did not start");
    try {
      expect((listener.address() as AddressInfo).address).toBe("127.0.0.1");
      await server.app.inject({ url: "/api/v1/resources" });
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain("bookable_http_request_duration_seconds");
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/resources`)).status).toBe(404);

      // A second instance on the same host finds the port taken: it serves the app without /metrics and says so.
      expect(await startMetricsListener(server.app.metrics, server.app.log, port)).toBeUndefined();
      expect(server.logs.find((line) => String(line.msg).startsWith(`METRICS_PORT ${port} is in use`))).toMatchObject({
        level: 40,
      });
    } finally {
      listener.close();
    }
  });

  it("with METRICS_TOKEN: on the public port behind the token, in production too", async () => {
    const server = await start({ NODE_ENV: "production", METRICS_TOKEN: "metrics-secret" });
    expect((await server.app.inject({ url: "/metrics" })).statusCode).toBe(401);
    expect((await server.app.inject({ url: "/metrics", headers: { authorization: "Bearer metrics-secret" } })).statusCode).toBe(
      200,
    );
    expect(startLog(server)).toMatchObject({ metrics: "token" });
  });

  it("outside production without a token: open on the public port, and the log says how to protect it", async () => {
    const server = await start({ NODE_ENV: "development" });
    expect((await server.app.inject({ url: "/metrics" })).statusCode).toBe(200);
    expect(startLog(server)).toMatchObject({ metrics: "open" });
  });
});
