// SIGTERM's way down, on a real listening server: requests already in flight finish (bookings committed
// and answered), none fails with a 500 or a dropped connection, and readiness fails before the close.
import { bookings } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { freePort } from "@bookable/testing/free-port";
import { count } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { createTestResource } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";
import { gracefulShutdown } from "./graceful-shutdown.js";

const target = testDatabaseTargets(inject("postgresAdminUrl")).at(-1) ?? { driver: "pglite" as const };

describe("graceful shutdown", () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.database.close();
  });

  it("finishes the requests in flight before closing, and answers the late ones 503 or a closed port", async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "1000", API_RATE_LIMIT_PER_MINUTE: "100000" });
    const member = await tokenPair(server, await registerVerifiedAccount(server));
    const resource = await createTestResource(server, {
      weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
    });
    // SIGTERM arrives once ten booking requests have reached the server and are being worked on.
    let received = 0;
    let tenReceived: () => void = () => {};
    const tenInFlight = new Promise<void>((resolve) => {
      tenReceived = resolve;
    });
    server.app.server.on("request", (request: { method?: string }) => {
      if (request.method === "POST" && ++received === 10) tenReceived();
    });
    const port = await freePort();
    await server.app.listen({ host: "127.0.0.1", port });
    const firstHour = Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000;
    const requests = Array.from({ length: 40 }, (_, index) =>
      fetch(`http://127.0.0.1:${port}/api/v1/bookings`, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(member.accessToken) },
        body: JSON.stringify({
          resourceId: resource.id,
          start: new Date(firstHour + index * 3_600_000).toISOString(),
          attendee: { name: "Ada", email: "ada@example.com" },
        }),
      }).then(
        (response) => response.status,
        (error: unknown) => `network error: ${String(error)}`,
      ),
    );
    await tenInFlight;
    const finished = await gracefulShutdown(server.app, 20);
    const statuses = await Promise.all(requests);

    expect(finished).toBe(true);
    // Every request that reached the server got an answer: a booking, or a 503 to retry elsewhere for one
    // that arrived after the close began. Those that had not connected yet found the port closed.
    const answered = statuses.filter((status) => typeof status === "number");
    expect(answered.length).toBeGreaterThanOrEqual(received);
    expect(answered.filter((status) => status !== 201 && status !== 503)).toEqual([]);
    const created = statuses.filter((status) => status === 201).length;
    expect(created).toBeGreaterThan(0);
    // Every 201 was committed (the database was still open for it).
    const [stored] = await server.database.db.select({ n: count() }).from(bookings);
    expect(stored?.n).toBe(created);
  });
});
