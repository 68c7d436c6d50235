import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { generateSigningKeyPem } from "@bookable/auth";
import { createDatabase, type DatabaseHandle } from "@bookable/db";
import { openTestDatabase, type TestDatabaseTarget } from "@bookable/db/testing";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildServer } from "../src/build-server.js";
import { type Config, loadConfig } from "../src/config.js";
import type { ServiceOverrides } from "../src/create-services.js";

export interface TestServer {
  app: FastifyInstance;
  config: Config;
  database: DatabaseHandle;
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  /** POSTs a JSON body (or a raw string, sent as is) through `inject`. */
  postJson(url: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A server on a fresh database of its own, with its logs captured, for `inject` or a real listener. */
export async function buildTestServer(
  target: TestDatabaseTarget,
  environment: Record<string, string | undefined> = {},
  /** The node-postgres pool of the database (PostgreSQL only); 20 connections, no acquire timeout by default. */
  pool: { max?: number; acquireTimeoutMs?: number } = {},
  options: {
    /** Another server's database handle, shared as is: a second instance on the same data (the first server closes it). */
    sharedDatabase?: DatabaseHandle;
    /** A second instance with its own connections to another test server's database (PostgreSQL), left in place on close. */
    sameDatabaseAs?: TestServer;
    services?: ServiceOverrides;
  } = {},
): Promise<TestServer> {
  const database =
    options.sharedDatabase ??
    (options.sameDatabaseAs ? await secondConnection(options.sameDatabaseAs.database) : await openTestDatabase(target, pool));
  const logs: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  // Its own data folder and signing key: tests never touch the developer's apps/server/.data.
  const dataDir = mkdtempSync(path.join(tmpdir(), "bookable-test-data-"));
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    ADMIN_EMAILS: "admin@example.com",
    DATA_DIR: dataDir,
    JWT_PRIVATE_KEY: await generateSigningKeyPem(),
    // Workers look for messages often, so tests that read the mailbox wait little.
    QUEUE_POLLING_SECONDS: "0.5",
    // No load shedding unless a test asks for it: starting a server (migrations) and test files running
    // side by side on a few cores lag the event loop, and tests that do not test shedding must not see 503s.
    SHED_EVENT_LOOP_DELAY_MS: "0",
    // Likewise the admission share: storm tests send 50+ requests at once to test booking, not admission
    // (admission-control.api.test.ts turns it on).
    ADMISSION_MAX_IN_FLIGHT: "0",
    // No session cache unless a test asks for it (session-cache.api.test.ts does): many tests end or age a
    // session by writing its row directly, behind the server's back, and ask again at once; a cached server
    // learns of such a write through the database's notification, milliseconds later (the bound for other
    // instances), not before the next request. TEST_SESSION_CACHE_SECONDS runs any test file with it on.
    SESSION_CACHE_SECONDS: process.env.TEST_SESSION_CACHE_SECONDS ?? "0",
    ...environment,
  });
  const app = await buildServer(config, { database, logStream, ...(options.services ? { services: options.services } : {}) });
  return {
    app,
    config,
    database,
    logs,
    postJson: (url, body, headers = {}) =>
      app.inject({
        method: "POST",
        url,
        headers: { "content-type": "application/json", ...headers },
        payload: typeof body === "string" ? body : JSON.stringify(body),
      }),
    async close() {
      await app.close();
      if (!options.sharedDatabase) await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** New connections (pool, queue, listener) to the database of `handle`, which is already migrated. */
async function secondConnection(handle: DatabaseHandle): Promise<DatabaseHandle> {
  if (handle.queueConnection.driver !== "postgres") throw new Error("A second instance needs PostgreSQL: PGlite is one process");
  return createDatabase({ url: handle.queueConnection.url, poolMax: 20 });
}
