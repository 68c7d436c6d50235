// Issue 11 item 9b: a database error's log line holds no statement parameters (names, emails, notes, key
// hashes), whether the error comes from PGlite or PostgreSQL, directly or through a request.

import { users } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildTestServer, type TestServer } from "../test/test-server.js";
import { serializeErrorForLog } from "./error-log-serializer.js";

// Values that must never reach a log line.
const secretName = "Secret Person Name";
const secretEmail = "private-address@victim.example";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("database errors in the log on $driver", (target) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await buildTestServer(target);
    const db = server.database.db;
    // Routes that fail in the database the way a NUL or a duplicate did before the contracts refused them.
    server.app.post("/test/nul-insert", async () => {
      await db.insert(users).values({ username: `${secretName}\u0000`, email: secretEmail });
      return { ok: true };
    });
    server.app.post("/test/duplicate-insert", async () => {
      await db.insert(users).values({ username: secretName, email: secretEmail });
      await db.insert(users).values({ username: secretName, email: secretEmail });
      return { ok: true };
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const failure = async (url: string) => {
    const response = await server.app.inject({ method: "POST", url });
    expect(response.statusCode).toBe(500);
    const errorId = response.json().error.errorId as string;
    const line = server.logs.find((entry) => entry.errorId === errorId && entry.level === 50);
    expect(line).toBeDefined();
    return line as Record<string, unknown> & { err: Record<string, unknown> };
  };

  it("logs a failed insert with a NUL by class and SQLSTATE, without its parameters or query", async () => {
    const line = await failure("/test/nul-insert");
    const text = JSON.stringify(line);
    expect(text).not.toContain(secretName);
    expect(text).not.toContain(secretEmail);
    expect(text).not.toMatch(/params|values \(/i);
    expect(line.err).toMatchObject({ type: "DrizzleQueryError", statement: "insert users" });
  });

  it("logs a unique violation with its constraint, not the duplicated value", async () => {
    const line = await failure("/test/duplicate-insert");
    const text = JSON.stringify(line);
    expect(text).not.toContain(secretEmail);
    expect(text).not.toContain(secretName);
    expect(line.err).toMatchObject({
      type: "DrizzleQueryError",
      statement: "insert users",
      cause: { code: "23505", constraint: expect.any(String) },
    });
  });

  it("keeps a database error safe when another error wraps it", async () => {
    const cause = await server.database.db
      .insert(users)
      .values({ username: secretName, email: secretEmail })
      .then(() => undefined)
      .catch((error: unknown) => error);
    expect(cause).toBeInstanceOf(Error);
    const wrapped = new Error("creating the account failed", { cause });
    const text = JSON.stringify(serializeErrorForLog(wrapped));
    expect(text).toContain("creating the account failed");
    expect(text).not.toContain(secretEmail);
    expect(text).not.toContain(secretName);
  });
});
