// The unit tier's guard (vitest.unit-setup.ts), checked where it runs: in the unit project. Without the guard
// every one of these would open a database, start a server or reach PostgreSQL.
import { createServer } from "node:http";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "./packages/db/src/testing/index.js";

const postgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

describe("the unit tier", () => {
  it("refuses to open an embedded database, and says where the test belongs", async () => {
    await expect(openTestDatabase({ driver: "pglite" })).rejects.toThrow(
      /unit test may not open a database .*\*\.api\.test\.ts.*integrationFiles/s,
    );
  });

  it("refuses to start a server", () => {
    const server = createServer();
    try {
      expect(() => server.listen(0, "127.0.0.1")).toThrow(/unit test may not start a server/);
    } finally {
      server.close(() => {});
    }
  });

  it("refuses connections, to PostgreSQL and through fetch", async () => {
    await expect(new pg.Client({ connectionString: postgresUrl }).connect()).rejects.toThrow(
      /unit test may not open a network connection/,
    );
    const failure = await fetch("http://127.0.0.1:5432/").then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(String((failure as TypeError).cause)).toMatch(/unit test may not open a network connection/);
  });
});
