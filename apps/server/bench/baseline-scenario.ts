// The yardstick: a bare Fastify server in the bench process answering GET / under the same closed loop.
// Every other row is read as a ratio to it, measured in the same run on the same (shared) machine.
import Fastify from "fastify";
import { benchScale } from "./bench-scale.js";
import { runClosedLoop } from "./closed-loop.js";
import type { ScenarioResult } from "./scenario-result.js";
import { HOST } from "./server-under-test.js";

export async function runBaseline(): Promise<ScenarioResult> {
  const app = Fastify({ logger: false });
  app.get("/", async () => ({ hello: "world" }));
  await app.listen({ host: HOST, port: 0 });
  try {
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    return await runClosedLoop({
      scenario: "baseline: bare Fastify",
      target: "GET / (in the bench process)",
      url: `http://${HOST}:${port}/`,
      durationSeconds: benchScale.baselineSeconds,
    });
  } finally {
    await app.close();
  }
}
