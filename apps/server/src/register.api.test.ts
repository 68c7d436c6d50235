// Registration end to end through both surfaces (REST /api/v1 and tRPC), on PGlite and PostgreSQL.
import { appRouter, createCallerFactory } from "@bookable/api";
import { testDatabaseTargets } from "@bookable/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, tokenPair, verifyEmailOf } from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const errorShape = {
  error: { code: expect.any(String), message: expect.any(String), errorId: expect.stringMatching(/^err_[0-9a-f]{32}$/) },
};

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("registration on $driver", (target) => {
  let server: TestServer;
  let sequence = 0;
  const uniqueUser = () => {
    sequence += 1;
    return { username: `user${sequence}`, email: `user${sequence}@example.com`, password: "long enough" };
  };
  const postUsers = (payload: unknown, headers: Record<string, string> = {}) =>
    server.postJson("/api/v1/users", payload, headers);

  beforeAll(async () => {
    server = await buildTestServer(target, { BODY_LIMIT_BYTES: "4096" });
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("POST /api/v1/users", () => {
    it("creates the account and answers 201 without the password hash", async () => {
      const response = await postUsers({ username: "ada", email: "Ada@Example.com", password: "analytical engine" });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toEqual({
        user: {
          id: expect.any(String),
          username: "ada",
          email: "ada@example.com",
          role: "member",
          emailVerified: false,
          createdAt: expect.any(String),
        },
      });
      expect(response.body).not.toMatch(/password|argon2/i);
    });

    it("gives an ADMIN_EMAILS address the admin role once its owner verifies it, not before", async () => {
      const response = await postUsers({ ...uniqueUser(), email: "Admin@Example.com" });
      expect(response.json().user.role).toBe("member");
      await verifyEmailOf(server, { email: "admin@example.com", password: "long enough" });
      const { accessToken } = await tokenPair(server, { email: "admin@example.com", password: "long enough" });
      const me = await server.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(accessToken) });
      expect(me.json().user).toMatchObject({ role: "admin", emailVerified: true });
    });

    it.each([
      ["username", { username: "ab" }, "Username must be at least 3 characters"],
      ["username", { username: "Not Valid" }, "Username may contain only lowercase letters, digits, _ and -"],
      ["email", { email: "not-an-email" }, "Enter a valid email address"],
      ["password", { password: "short" }, "Password must be at least 8 characters"],
      ["password", { password: "x".repeat(129) }, "Password must be at most 128 characters"],
    ])("answers 400 naming the bad %s", async (field, change, message) => {
      const response = await postUsers({ ...uniqueUser(), ...change });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: {
          ...errorShape.error,
          code: "VALIDATION_FAILED",
          message: "Input validation failed",
          issues: [{ path: field, message }],
        },
      });
    });

    it("answers 400 with one issue per missing field, and logs the error id it returns", async () => {
      const response = await postUsers({ username: "x" });
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual(["username", "email", "password"]);
      const logged = server.logs.find((line) => line.errorId === error.errorId);
      expect(logged).toMatchObject({ code: "VALIDATION_FAILED", status: 400, reqId: response.headers["x-request-id"] });
      expect(JSON.stringify(server.logs)).not.toContain("long enough");
    });

    it.each([
      ["username", (taken: { username: string; email: string }) => ({ ...uniqueUser(), username: taken.username })],
      ["email", (taken: { username: string; email: string }) => ({ ...uniqueUser(), email: taken.email.toUpperCase() })],
    ])("answers 409 when the %s is taken", async (field, duplicateOf) => {
      const taken = uniqueUser();
      expect((await postUsers(taken)).statusCode).toBe(201);
      const response = await postUsers(duplicateOf(taken));
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { ...errorShape.error, code: "CONFLICT", issues: [{ path: field }] } });
    });

    it("answers malformed JSON with 400 in the error shape", async () => {
      const response = await postUsers('{"username": "ada",');
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: { ...errorShape.error, code: "BAD_REQUEST", message: "The request body is not valid JSON" },
      });
    });

    it("answers an oversized body with 413 in the error shape", async () => {
      const response = await postUsers({ ...uniqueUser(), padding: "x".repeat(10_000) });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ error: { ...errorShape.error, code: "PAYLOAD_TOO_LARGE" } });
    });

    it.each(["text/plain", "application/xml"])("answers the content type %s with 415 in the error shape", async (type) => {
      const response = await postUsers("username=ada", { "content-type": type });
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ error: { ...errorShape.error, code: "UNSUPPORTED_MEDIA_TYPE" } });
    });

    it("answers a body that is not an object with 400", async () => {
      const response = await postUsers("[1,2]");
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { ...errorShape.error, code: "VALIDATION_FAILED" } });
    });
  });

  describe("unknown routes", () => {
    it.each([
      ["GET", "/api/v1/nothing-here"],
      ["POST", "/api/v1/users/extra"],
      ["GET", "/no/such/page.json"],
      ["DELETE", "/trpc-nope"],
    ])("%s %s answers 404 in the error shape", async (method, url) => {
      const response = await server.app.inject({ method: method as "GET", url, headers: { accept: "application/json" } });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { ...errorShape.error, code: "NOT_FOUND" } });
    });
  });

  describe("a failure on our side", () => {
    it("answers 500 with an error id and no internal detail, and logs the cause under that id", async () => {
      const broken = await buildTestServer(target);
      await broken.database.close();
      try {
        const response = await broken.postJson("/api/v1/users", uniqueUser());
        expect(response.statusCode).toBe(500);
        const body = response.json();
        expect(body).toEqual({
          error: {
            ...errorShape.error,
            code: "INTERNAL",
            message: "Something went wrong on our side. Quote the error id if you contact us.",
          },
        });
        expect(response.body).not.toMatch(/stack|at |\.ts:|select|insert/i);
        const logged = broken.logs.find((line) => line.errorId === body.error.errorId);
        expect(logged).toMatchObject({ level: 50, code: "INTERNAL" });
        expect(JSON.stringify(logged)).toContain("stack");
      } finally {
        await broken.app.close();
      }
    });
  });

  describe("tRPC", () => {
    it("registers through the server-side caller and refuses a duplicate with CONFLICT", async () => {
      const caller = createCallerFactory(appRouter)({
        services: server.app.services.core,
        localSmsOutbox: server.app.services.localSmsOutbox,
        logger: server.app.log,
        requestId: "test",
        user: null,
        sessionId: null,
        authMethod: null,
        credentialRejected: false,
        client: { ip: "127.0.0.1", userAgent: "test", crossSite: false },
        sessionCookie: { set() {}, clear() {} },
        oauthProviders: [],
        localMailbox: server.app.services.localMailbox,
        idempotencyKey: undefined,
      });
      const input = uniqueUser();
      const { user } = await caller.users.register(input);
      expect(user).toMatchObject({ username: input.username, email: input.email, role: "member" });
      const duplicate = await caller.users.register(input).catch((error: unknown) => error);
      expect(duplicate).toBeInstanceOf(TRPCError);
      expect(duplicate).toMatchObject({ code: "CONFLICT" });
    });

    it("answers over HTTP with the field issues and error id in data", async () => {
      const response = await server.postJson("/trpc/users.register", {
        username: "ok_name",
        email: "bad",
        password: "long enough",
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        message: "Input validation failed",
        data: {
          code: "VALIDATION_FAILED",
          errorId: expect.stringMatching(/^err_/),
          issues: [{ path: "email", message: "Enter a valid email address" }],
        },
      });
      expect(response.body).not.toContain("stack");
    });
  });
});
