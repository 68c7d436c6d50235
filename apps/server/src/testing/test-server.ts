import { Writable } from "node:stream";
import type { DatabaseHandle } from "@bookable/db";
import { openTestDatabase, type TestDatabaseTarget } from "@bookable/db/testing";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildServer } from "../build-server.js";
import { loadConfig } from "../config.js";

export interface TestServer {
  app: FastifyInstance;
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
): Promise<TestServer> {
  const database = await openTestDatabase(target);
  const logs: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "info", ADMIN_EMAILS: "admin@example.com", ...environment });
  const app = await buildServer(config, { database, logStream });
  return {
    app,
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
      await database.close();
    },
  };
}
