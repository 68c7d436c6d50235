// Issue 12: the booking path keeps resources and their date overrides in memory per definition version
// (migration 0008). A change committed anywhere — another instance, a SQL console — is seen by the very next
// booking; here the changes are written straight into the database, past this server, as another instance
// would. On PGlite and PostgreSQL.
import { resourceDateOverrides, resources } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("the booking path's resource cache on $driver", (target) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await buildTestServer(target, { HOLDS_PER_USER: "1000", BOOKINGS_PER_HOUR: "1000" });
    token = (await tokenPair(server, await registerVerifiedAccount(server))).accessToken;
  });
  afterAll(async () => {
    await server?.close();
  });

  const book = (resourceId: string, start: string, seats = 1) =>
    server.postJson(
      "/api/v1/bookings",
      { resourceId, start, seats, attendee: { name: "Cached", email: "cached@example.com" } },
      bearer(token),
    );
  const localDate = (start: string, timeZone: string) => DateTime.fromISO(start, { zone: timeZone }).toISODate() ?? "";

  it("sees a date override set or removed elsewhere at the next booking", async () => {
    const resource = await createTestResource(server);
    const first = await firstFreeSlot(server, resource.id, 2);
    expect((await book(resource.id, first.start)).statusCode).toBe(201);
    const later = await firstFreeSlot(server, resource.id, 5);
    const date = localDate(later.start, resource.timeZone);

    await server.database.db.insert(resourceDateOverrides).values({ resourceId: resource.id, date, closed: true, hours: [] });
    const refused = await book(resource.id, later.start);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.issues).toEqual([expect.objectContaining({ path: "start" })]);

    await server.database.db
      .delete(resourceDateOverrides)
      .where(and(eq(resourceDateOverrides.resourceId, resource.id), eq(resourceDateOverrides.date, date)));
    expect((await book(resource.id, later.start)).statusCode).toBe(201);
  });

  it("sees capacity, hours and archiving changed elsewhere at the next booking", async () => {
    const resource = await createTestResource(server);
    const first = await firstFreeSlot(server, resource.id, 2);
    expect((await book(resource.id, first.start)).statusCode).toBe(201);

    const wide = await firstFreeSlot(server, resource.id, 4);
    expect((await book(resource.id, wide.start, 2)).statusCode).toBe(400);
    await server.database.db.update(resources).set({ capacity: 2 }).where(eq(resources.id, resource.id));
    expect((await book(resource.id, wide.start, 2)).statusCode).toBe(201);

    // Longer slots: 09:00 local was a start on the 60-minute grid from 08:00, and is none on a 120-minute one.
    const odd = await firstFreeSlot(server, resource.id, 6);
    const oddStart = DateTime.fromISO(odd.start, { zone: resource.timeZone }).set({ hour: 9, minute: 0 }).toUTC().toISO() ?? "";
    await server.database.db.update(resources).set({ slotMinutes: 120 }).where(eq(resources.id, resource.id));
    const offGrid = await book(resource.id, oddStart);
    expect(offGrid.statusCode, offGrid.body).toBe(400);

    await server.database.db.update(resources).set({ status: "archived" }).where(eq(resources.id, resource.id));
    const archived = await book(resource.id, odd.start);
    expect(archived.statusCode).toBe(400);
    expect(archived.json().error.message).toMatch(/archived/);
  });

  it("answers 404 for a resource that does not exist", async () => {
    const response = await book("00000000-0000-4000-8000-000000000000", new Date(Date.now() + 86_400_000).toISOString());
    expect(response.statusCode).toBe(404);
  });
});
