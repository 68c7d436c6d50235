// Production hardening: security headers and CSP, CORS allow-list, the general API rate limit, trusted
// proxies, HTTPS (served directly, and redirects), draining readiness, and Prometheus metrics.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@bookable/testing/free-port";
import { afterEach, describe, expect, it } from "vitest";
import { registerAccount, setCookie } from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe("production hardening", () => {
  const servers: TestServer[] = [];
  const start = async (environment: Record<string, string> = {}) => {
    const server = await buildTestServer({ driver: "pglite" }, environment);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it("sends security headers and a CSP without inline scripts; HSTS only in production", async () => {
    const server = await start();
    const page = await server.app.inject({ url: "/healthz" });
    const policy = String(page.headers["content-security-policy"]);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["strict-transport-security"]).toBeUndefined();

    // The API reference's one inline script is allowed by its hash, and nothing else inline.
    const docs = await server.app.inject({ url: "/api/docs/" });
    const docsPolicy = String(docs.headers["content-security-policy"]);
    const inline = /<script type="text\/javascript">([\s\S]*?)<\/script>/.exec(docs.body)?.[1] ?? "";
    const { createHash } = await import("node:crypto");
    expect(docsPolicy).toContain(`'sha256-${createHash("sha256").update(inline).digest("base64")}'`);
    expect(docsPolicy).not.toContain("unsafe-inline' 'self'");

    const production = await start({ NODE_ENV: "production" });
    expect((await production.app.inject({ url: "/healthz" })).headers["strict-transport-security"]).toBe(
      "max-age=31536000; includeSubDomains",
    );
  });

  it("answers CORS only for allowed origins", async () => {
    const server = await start({ CORS_ORIGINS: "https://partner.example.com" });
    const allowed = await server.app.inject({
      method: "OPTIONS",
      url: "/api/v1/resources",
      headers: { origin: "https://partner.example.com", "access-control-request-method": "GET" },
    });
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://partner.example.com");
    expect(allowed.headers["access-control-allow-credentials"]).toBe("true");
    const other = await server.app.inject({ url: "/api/v1/resources", headers: { origin: "https://evil.example.com" } });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("limits API requests per client IP with 429 and Retry-After in the error shape, but not the probes", async () => {
    const server = await start({ API_RATE_LIMIT_PER_MINUTE: "3" });
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++)
      statuses.push((await server.app.inject({ url: "/api/v1/resources" })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await server.app.inject({ url: "/api/v1/resources" });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.json().error).toMatchObject({ code: "RATE_LIMITED", errorId: expect.any(String) });
    expect((await server.app.inject({ url: "/healthz" })).statusCode).toBe(200);
    // Another client (another address) has its own count.
    expect((await server.app.inject({ url: "/api/v1/resources", remoteAddress: "10.1.2.3" })).statusCode).toBe(200);
  });

  it("believes X-Forwarded-* only from TRUST_PROXY: client IP for limits, protocol for Secure cookies", async () => {
    const trusted = await start({ TRUST_PROXY: "127.0.0.1", API_RATE_LIMIT_PER_MINUTE: "2" });
    const fromClient = (ip: string) =>
      trusted.app.inject({ url: "/api/v1/resources", headers: { "x-forwarded-for": ip, "x-forwarded-proto": "https" } });
    expect([(await fromClient("203.0.113.1")).statusCode, (await fromClient("203.0.113.1")).statusCode]).toEqual([200, 200]);
    expect((await fromClient("203.0.113.1")).statusCode).toBe(429);
    expect((await fromClient("203.0.113.2")).statusCode).toBe(200);

    const account = await registerAccount(trusted);
    const signIn = (server: TestServer) =>
      server.app.inject({
        method: "POST",
        url: "/trpc/auth.signIn",
        headers: { "content-type": "application/json", "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" },
        payload: JSON.stringify({ email: account.email, password: account.password }),
      });
    expect(setCookie(await signIn(trusted), "bookable_session")?.attributes).toMatch(/Secure/);

    // An untrusted peer's headers change nothing: the cookie is not marked Secure over plain HTTP.
    const untrusted = await start();
    await registerAccount(untrusted, { email: account.email, username: account.username, password: account.password });
    expect(setCookie(await signIn(untrusted), "bookable_session")?.attributes).not.toMatch(/Secure/);
  });

  it("redirects plain HTTP to HTTPS behind a proxy, except the probes", async () => {
    const server = await start({ HTTPS_REDIRECT: "true", TRUST_PROXY: "127.0.0.1" });
    const plain = await server.app.inject({ url: "/api/v1/resources?x=1", headers: { host: "book.example.com" } });
    expect(plain.statusCode).toBe(308);
    expect(plain.headers.location).toBe("https://book.example.com/api/v1/resources?x=1");
    expect((await server.app.inject({ url: "/readyz" })).statusCode).toBe(200);
    expect((await server.app.inject({ url: "/api/v1/resources", headers: { "x-forwarded-proto": "https" } })).statusCode).toBe(
      200,
    );
  });

  it("serves HTTPS itself with TLS_CERT_FILE and TLS_KEY_FILE", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "bookable-tls-"));
    const cert = path.join(folder, "cert.pem");
    const key = path.join(folder, "key.pem");
    const made = spawnSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { encoding: "utf8" },
    );
    expect(made.status, made.stderr).toBe(0);
    const server = await start({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    const port = await freePort();
    await server.app.listen({ host: "127.0.0.1", port });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpsRequest({ host: "127.0.0.1", port, path: "/healthz", rejectUnauthorized: false }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => {
          body += chunk.toString();
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on("error", reject);
      request.end();
    });
    expect(answer).toEqual({ status: 200, body: JSON.stringify({ status: "ok" }) });
  });

  it("fails readiness while draining, so a balancer stops sending before the server closes", async () => {
    const server = await start();
    expect((await server.app.inject({ url: "/readyz" })).statusCode).toBe(200);
    server.app.lifecycle.draining = true;
    const draining = await server.app.inject({ url: "/readyz" });
    expect(draining.statusCode).toBe(503);
    expect(draining.json().error.message).toBe("This instance is shutting down");
    expect((await server.app.inject({ url: "/healthz" })).statusCode).toBe(200);
  });

  it("is not ready while the job queue is not", async () => {
    const server = await start();
    await server.app.services.jobs.stop({ graceful: false });
    const response = await server.app.inject({ url: "/readyz" });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.message).toBe("The job queue is not ready");
  });

  it("exports Prometheus metrics: request durations by route, bookings, queue depth; token-protected when set", async () => {
    const server = await start({ METRICS_TOKEN: "metrics-secret" });
    await server.app.inject({ url: "/api/v1/resources" });
    expect((await server.app.inject({ url: "/metrics" })).statusCode).toBe(401);
    const metrics = await server.app.inject({ url: "/metrics", headers: { authorization: "Bearer metrics-secret" } });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(
      /bookable_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/resources"[^}]*status_code="200"/,
    );
    expect(metrics.body).toContain("bookable_notifications_outstanding");
    expect(metrics.body).toContain("# TYPE bookable_bookings gauge");
    expect(metrics.body).toContain("bookable_process_cpu_user_seconds_total");
  });
});
