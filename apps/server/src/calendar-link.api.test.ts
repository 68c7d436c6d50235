// Issue 13: a confirmation email links to its booking's .ics by a signed key instead of attaching it (Resend's
// batch endpoint takes no attachments). The key opens that one file without signing in, stays current (a
// cancelled booking shows as cancelled), and no other key, booking or guess opens anything. PGlite and PostgreSQL.
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { bookAs, cancelAs } from "../test/payment-helpers.js";
import { createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("signed calendar links on $driver", (target) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await buildTestServer(target, { HOLDS_PER_USER: "100", BOOKINGS_PER_HOUR: "100" });
    token = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
  });
  afterAll(async () => {
    await server?.close();
  });

  async function book(): Promise<string> {
    const resource = await createTestResource(server);
    const slot = await firstFreeSlot(server, resource.id);
    const response = await bookAs(server, token, { resourceId: resource.id, start: slot.start });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  }
  const calendar = (id: string, key?: string) =>
    server.app.inject({
      url: `/api/v1/bookings/${id}/calendar.ics${key === undefined ? "" : `?key=${encodeURIComponent(key)}`}`,
    });

  it("opens the booking's calendar file without signing in, and keeps it current", async () => {
    const id = await book();
    const key = server.app.services.calendarLinks.sign(id);
    const response = await calendar(id, key);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
    expect(response.headers["cache-control"]).toBe("private, no-store");
    expect(response.body).toContain("STATUS:CONFIRMED");
    expect(response.body).toContain(`UID:${id}`);
    // The same id in capitals is the same booking and the same key.
    expect((await calendar(id.toUpperCase(), key)).statusCode).toBe(200);

    expect((await cancelAs(server, token, id)).statusCode).toBe(200);
    expect((await calendar(id, key)).body).toContain("STATUS:CANCELLED");
  });

  it("opens nothing with another booking's key, a changed key, or no key and no sign-in", async () => {
    const id = await book();
    const other = await book();
    const key = server.app.services.calendarLinks.sign(id);
    for (const wrong of [
      server.app.services.calendarLinks.sign(other),
      `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`,
      "",
      "x".repeat(22),
    ]) {
      const response = await calendar(id, wrong);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe("NOT_FOUND");
    }
    expect((await calendar("not-a-booking", key)).statusCode).toBe(404);
    expect((await calendar(id)).statusCode).toBe(401);
  });
});
