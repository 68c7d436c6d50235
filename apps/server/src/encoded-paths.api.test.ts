// Issue 11: percent-encoded paths. Fastify routes the decoded path, so every decision about a request (rate
// limit, metrics labels, redirects) must follow the matched route, not the raw URL.
import { randomInt } from "node:crypto";
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const someIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("percent-encoded paths on $driver", (target) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await buildTestServer(target, { API_RATE_LIMIT_PER_MINUTE: "3", METRICS_TOKEN: "metrics-secret" });
  });
  afterAll(async () => {
    await server?.close();
  });

  const request = (method: "GET" | "POST", url: string, ip: string) =>
    server.app.inject({
      method,
      url,
      remoteAddress: ip,
      ...(method === "POST" ? { headers: { "content-type": "application/json" }, payload: "{}" } : {}),
    });

  it.each([
    ["GET", "/%74rpc/auth.viewer"],
    ["POST", "/%74rpc/bookings.create"],
    ["GET", "/%61pi/v1/resources"],
    ["GET", "/api/v1/%72esources"],
    ["GET", "/trpc/%61uth.viewer"],
  ] as const)("counts %s %s against the general API limit", async (method, url) => {
    const ip = someIp();
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push((await request(method, url, ip)).statusCode);
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
    // The plain path shares the count: it is the same route.
    const plain = decodeURIComponent(url);
    expect((await request(method, plain, ip)).statusCode).toBe(429);
  });

  it("keeps the probes and the metrics exempt, however they are spelled", async () => {
    const ip = someIp();
    for (let attempt = 0; attempt < 4; attempt++) await request("GET", "/api/v1/resources", ip);
    expect((await request("GET", "/api/v1/resources", ip)).statusCode).toBe(429);
    for (const url of ["/healthz", "/readyz", "/%68ealthz", "/%72eadyz"]) {
      for (let attempt = 0; attempt < 4; attempt++) expect((await request("GET", url, ip)).statusCode).toBe(200);
    }
    const metrics = await server.app.inject({
      url: "/metrics",
      remoteAddress: ip,
      headers: { authorization: "Bearer metrics-secret" },
    });
    expect(metrics.statusCode).toBe(200);
  });

  it("labels metrics by the decoded route, so encodings cannot mint new series", async () => {
    await request("GET", "/trpc/%61uth.%76iewer", someIp());
    await request("GET", "/api/v1/%72esources", someIp());
    await request("POST", "/api/v1/%62ookings", someIp());
    const metrics = await server.app.inject({ url: "/metrics", headers: { authorization: "Bearer metrics-secret" } });
    expect(metrics.body).not.toMatch(/route="[^"]*%/);
    expect(metrics.body).toMatch(/route="\/trpc\/auth\.viewer"/);
    // The encoded booking attempt is counted like any other.
    expect(metrics.body).toMatch(/bookable_booking_attempts_total\{outcome="refused"\} [1-9]/);
  });
});

describe("HTTPS redirect with percent-encoded paths", () => {
  it("exempts the probes by their route, however they are spelled", async () => {
    const server = await buildTestServer({ driver: "pglite" }, { HTTPS_REDIRECT: "true" });
    try {
      for (const url of ["/healthz", "/%68ealthz", "/readyz"]) expect((await server.app.inject({ url })).statusCode).toBe(200);
      expect((await server.app.inject({ url: "/%61pi/v1/resources" })).statusCode).toBe(308);
    } finally {
      await server.close();
    }
  });
});
