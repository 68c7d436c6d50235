// The day summary (issue 12): free slots per calendar date for a month view, through REST and tRPC, on PGlite
// and PostgreSQL. It must agree with the slots endpoint, follow bookings and overrides, and refuse bad input.
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair } from "../test/account-helpers.js";
import { adminToken, createTestResource } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

interface Day {
  date: string;
  freeSlots: number;
  fullSlots: number;
  firstFreeStart: string | null;
}

// January 2027 in Berlin (UTC+1): from local midnight of the 1st (a Friday) to local midnight of 1 February.
const JANUARY = { from: "2026-12-31T23:00:00.000Z", to: "2027-01-31T23:00:00.000Z" };
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("the day summary on $driver", (target) => {
  let server: TestServer;
  const days = (resourceId: string, window: { from: string; to: string }, timeZone?: string) =>
    server.app.inject({
      method: "GET",
      url: `/api/v1/resources/${resourceId}/availability/days?from=${window.from}&to=${window.to}${timeZone ? `&timeZone=${timeZone}` : ""}`,
    });
  const slots = async (resourceId: string, window: { from: string; to: string }) => {
    const response = await server.app.inject(`/api/v1/resources/${resourceId}/availability?from=${window.from}&to=${window.to}`);
    expect(response.statusCode).toBe(200);
    return response.json().slots as { start: string }[];
  };
  const dayOf = (answer: { days: Day[] }, date: string) => answer.days.find((entry) => entry.date === date);

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("lists every date of the month in the resource's zone, with the count and first start of its free slots", async () => {
    const resource = await createTestResource(server, { weeklyHours: weekdays("09:00", "12:00"), horizonDays: 730 });
    const response = await days(resource.id, JANUARY);
    expect(response.statusCode).toBe(200);
    const answer = response.json() as { timeZone: string; days: Day[] };
    expect(answer.timeZone).toBe("Europe/Berlin");
    expect(answer.days).toHaveLength(31);
    expect(answer.days[0]).toEqual({
      date: "2027-01-01",
      freeSlots: 3,
      fullSlots: 0,
      firstFreeStart: "2027-01-01T08:00:00.000Z",
    });
    expect(answer.days[1]).toEqual({ date: "2027-01-02", freeSlots: 0, fullSlots: 0, firstFreeStart: null });
    expect(answer.days.at(-1)?.date).toBe("2027-01-31");
    // The same slots as the slots endpoint lists, in the same form.
    const listed = await slots(resource.id, JANUARY);
    expect(answer.days.reduce((sum, entry) => sum + entry.freeSlots, 0)).toBe(listed.length);
    expect(answer.days.filter((entry) => entry.freeSlots > 0).map((entry) => entry.firstFreeStart)).toEqual(
      listed.filter((_, index) => index % 3 === 0).map((slot) => slot.start),
    );
  });

  it("cuts the dates in the zone asked for", async () => {
    // 09:00–17:00 Berlin is 17:00–01:00 in Tokyo: each weekday's last slot starts on Tokyo's next date.
    const resource = await createTestResource(server, { weeklyHours: weekdays("09:00", "17:00"), horizonDays: 730 });
    const tokyoWeek = { from: "2027-01-03T15:00:00.000Z", to: "2027-01-10T15:00:00.000Z" };
    const answer = (await days(resource.id, tokyoWeek, "Asia/Tokyo")).json() as { timeZone: string; days: Day[] };
    expect(answer.timeZone).toBe("Asia/Tokyo");
    expect(answer.days.map((entry) => [entry.date, entry.freeSlots])).toEqual([
      ["2027-01-04", 7],
      ["2027-01-05", 8],
      ["2027-01-06", 8],
      ["2027-01-07", 8],
      ["2027-01-08", 8],
      ["2027-01-09", 1],
      ["2027-01-10", 0],
    ]);
    expect(dayOf(answer, "2027-01-05")?.firstFreeStart).toBe("2027-01-04T15:00:00.000Z");
  });

  it("follows bookings and date overrides", async () => {
    const resource = await createTestResource(server, { weeklyHours: weekdays("09:00", "12:00"), horizonDays: 730 });
    const member = await tokenPair(server, await registerVerifiedAccount(server));
    const booked = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: "2027-01-04T08:00:00.000Z", attendee: { name: "Ada", email: "ada@example.com" } },
      bearer(member.accessToken),
    );
    expect(booked.statusCode).toBe(201);
    const admin = bearer(await adminToken(server));
    const closed = await server.app.inject({
      method: "PUT",
      url: `/api/v1/resources/${resource.id}/overrides/2027-01-05`,
      headers: { ...admin, "content-type": "application/json" },
      payload: JSON.stringify({ closed: true }),
    });
    expect(closed.statusCode).toBe(200);
    const answer = (await days(resource.id, JANUARY)).json() as { days: Day[] };
    // The booked slot is full, so its date still has a waitlist to join; the closed date has nothing at all.
    expect(dayOf(answer, "2027-01-04")).toEqual({
      date: "2027-01-04",
      freeSlots: 2,
      fullSlots: 1,
      firstFreeStart: "2027-01-04T09:00:00.000Z",
    });
    expect(dayOf(answer, "2027-01-05")).toEqual({ date: "2027-01-05", freeSlots: 0, fullSlots: 0, firstFreeStart: null });
    expect(dayOf(answer, "2027-01-06")?.freeSlots).toBe(3);
  });

  it("counts a booked-out date's full slots, the same ones the full-slots endpoint lists", async () => {
    const resource = await createTestResource(server, { weeklyHours: weekdays("09:00", "11:00"), horizonDays: 730 });
    const member = await tokenPair(server, await registerVerifiedAccount(server));
    for (const start of ["2027-01-04T08:00:00.000Z", "2027-01-04T09:00:00.000Z"]) {
      const booked = await server.postJson(
        "/api/v1/bookings",
        { resourceId: resource.id, start, attendee: { name: "Ada", email: "ada@example.com" } },
        bearer(member.accessToken),
      );
      expect(booked.statusCode).toBe(201);
    }
    const answer = (await days(resource.id, JANUARY)).json() as { days: Day[] };
    expect(dayOf(answer, "2027-01-04")).toEqual({ date: "2027-01-04", freeSlots: 0, fullSlots: 2, firstFreeStart: null });
    const full = await server.app.inject(
      `/api/v1/resources/${resource.id}/availability/full?from=${JANUARY.from}&to=${JANUARY.to}`,
    );
    expect(full.statusCode).toBe(200);
    expect(full.json().slots.map((slot: { start: string }) => slot.start)).toEqual([
      "2027-01-04T08:00:00.000Z",
      "2027-01-04T09:00:00.000Z",
    ]);
    expect(answer.days.reduce((sum, entry) => sum + entry.fullSlots, 0)).toBe(2);
  });

  it("answers over tRPC as over REST", async () => {
    const resource = await createTestResource(server, { weeklyHours: weekdays("09:00", "12:00"), horizonDays: 730 });
    const input = encodeURIComponent(JSON.stringify({ id: resource.id, ...JANUARY, timeZone: "America/New_York" }));
    const response = await server.app.inject(`/trpc/resources.availabilityDays?input=${input}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().result.data).toEqual((await days(resource.id, JANUARY, "America/New_York")).json());
  });

  it("allows a window of 62 days and refuses bad input with 400 and the field at fault", async () => {
    const resource = await createTestResource(server, { horizonDays: 730 });
    const twoMonths = await days(resource.id, { from: "2027-01-01T00:00:00Z", to: "2027-03-04T00:00:00Z" });
    expect(twoMonths.statusCode).toBe(200);
    expect(twoMonths.json().days).toHaveLength(63);

    const issues = async (response: Promise<{ statusCode: number; json: () => { error: { issues: { path: string }[] } } }>) => {
      const answer = await response;
      expect(answer.statusCode).toBe(400);
      return answer.json().error.issues.map((issue) => issue.path);
    };
    expect(await issues(days(resource.id, { from: "2027-01-05T00:00:00Z", to: "2027-01-04T00:00:00Z" }))).toEqual(["to"]);
    expect(await issues(days(resource.id, { from: "2027-01-01T00:00:00Z", to: "2027-03-05T00:00:00Z" }))).toEqual(["to"]);
    expect(await issues(days(resource.id, { from: "yesterday", to: "2027-01-04T00:00:00Z" }))).toEqual(["from"]);
    expect(await issues(days(resource.id, JANUARY, "Mars/Olympus"))).toEqual(["timeZone"]);
    expect(await issues(days("not-an-id", JANUARY))).toEqual(["id"]);
  });

  it("answers 404 for an unknown or archived resource", async () => {
    expect((await days("00000000-0000-4000-8000-000000000000", JANUARY)).statusCode).toBe(404);
    const resource = await createTestResource(server);
    const archived = await server.app.inject({
      method: "PATCH",
      url: `/api/v1/resources/${resource.id}`,
      headers: { ...bearer(await adminToken(server)), "content-type": "application/json" },
      payload: JSON.stringify({ status: "archived" }),
    });
    expect(archived.statusCode).toBe(200);
    const response = await days(resource.id, JANUARY);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("NOT_FOUND");
  });

  it("is described in the OpenAPI document", async () => {
    const document = (await server.app.inject("/api/v1/openapi.json")).json();
    const operation = document.paths["/resources/{id}/availability/days"]?.get;
    expect(operation?.summary).toBe("Free slots per day");
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(["id", "from", "to", "timeZone"]),
    );
  });
});
