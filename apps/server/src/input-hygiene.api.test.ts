// Issue 11 items 9 and 10: text with control characters and cursors that are not ours are refused at the
// contract with 400 VALIDATION_FAILED naming the field; before, both reached SQL and answered 500.
import { testDatabaseTargets } from "@bookable/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerAccount, tokenPair, trpcQuery, verifyEmailOf } from "../test/account-helpers.js";
import { adminToken, createTestResource } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const NUL = "\u0000";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("input hygiene on $driver", (target) => {
  let server: TestServer;
  let member: string;
  let admin: string;
  let resourceId: string;

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000" });
    const account = await registerAccount(server);
    await verifyEmailOf(server, account);
    member = (await tokenPair(server, account)).accessToken;
    admin = await adminToken(server);
    resourceId = (await createTestResource(server)).id;
  });
  afterAll(async () => {
    await server?.close();
  });

  const send = (method: "POST" | "PATCH" | "PUT", url: string, body: unknown, token?: string) =>
    server.app.inject({
      method,
      url,
      headers: { "content-type": "application/json", ...(token ? bearer(token) : {}) },
      payload: JSON.stringify(body),
    });

  const expectRefusedField = (response: { statusCode: number; json(): unknown }, field: string) => {
    expect(response.statusCode, JSON.stringify(response.json())).toBe(400);
    const { error } = response.json() as { error: { code: string; issues?: { path: string }[] } };
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.issues?.map((issue) => issue.path)).toContain(field);
  };

  const booking = { start: "2030-01-07T09:00:00Z", attendee: { name: "Ada Lovelace", email: "ada@example.com" } };
  const resource = { name: "Room", timeZone: "Europe/Berlin", slotMinutes: 60, weeklyHours: [] };

  // Every free-text field of every input a REST client can send, with a NUL in it.
  const cases: { field: string; request: () => Promise<{ statusCode: number; json(): unknown }> }[] = [
    {
      field: "username",
      request: () => send("POST", "/api/v1/users", { username: `ada${NUL}`, email: "x@example.com", password: "long enough" }),
    },
    {
      field: "email",
      request: () =>
        send("POST", "/api/v1/users", { username: "ada_nul", email: `x${NUL}@example.com`, password: "long enough" }),
    },
    {
      field: "attendee.name",
      request: () =>
        send(
          "POST",
          "/api/v1/bookings",
          { ...booking, resourceId, attendee: { ...booking.attendee, name: `Ada${NUL}` } },
          member,
        ),
    },
    {
      field: "attendee.email",
      request: () =>
        send(
          "POST",
          "/api/v1/bookings",
          { ...booking, resourceId, attendee: { ...booking.attendee, email: `ada${NUL}@example.com` } },
          member,
        ),
    },
    {
      field: "attendee.timeZone",
      request: () =>
        send(
          "POST",
          "/api/v1/bookings",
          { ...booking, resourceId, attendee: { ...booking.attendee, timeZone: `Europe/Berlin${NUL}` } },
          member,
        ),
    },
    {
      field: "notes",
      request: () => send("POST", "/api/v1/bookings", { ...booking, resourceId, notes: `Projector${NUL}` }, member),
    },
    { field: "name", request: () => send("POST", "/api/v1/api-keys", { name: `Kiosk${NUL}` }, member) },
    { field: "name", request: () => send("POST", "/api/v1/resources", { ...resource, name: `Room${NUL}` }, admin) },
    {
      field: "description",
      request: () => send("POST", "/api/v1/resources", { ...resource, description: `Seats${NUL}` }, admin),
    },
    { field: "slug", request: () => send("POST", "/api/v1/resources", { ...resource, slug: `room${NUL}` }, admin) },
    {
      field: "timeZone",
      request: () => send("POST", "/api/v1/resources", { ...resource, timeZone: `Europe/Berlin${NUL}` }, admin),
    },
    { field: "name", request: () => send("PATCH", `/api/v1/resources/${resourceId}`, { name: `Room${NUL}` }, admin) },
    {
      field: "description",
      request: () => send("PATCH", `/api/v1/resources/${resourceId}`, { description: `Seats${NUL}` }, admin),
    },
    {
      field: "email",
      request: () => send("POST", "/api/v1/auth/token", { email: `ada${NUL}@example.com`, password: "whatever" }),
    },
    { field: "refreshToken", request: () => send("POST", "/api/v1/auth/token", { refreshToken: `bkr_${NUL}aaaaaaaaaaaa` }) },
    { field: "refreshToken", request: () => send("POST", "/api/v1/auth/revoke", { refreshToken: `bkr_${NUL}aaaaaaaaaaaa` }) },
    { field: "email", request: () => send("POST", "/api/v1/auth/password-reset", { email: `ada${NUL}@example.com` }) },
    {
      field: "token",
      request: () =>
        send("POST", "/api/v1/auth/password-reset/confirm", { token: `tok_${NUL}aaaaaaaaaaa`, password: "long enough" }),
    },
    { field: "token", request: () => send("POST", "/api/v1/auth/verify-email", { token: `tok_${NUL}aaaaaaaaaaa` }) },
  ];

  it.each(cases)("refuses a NUL in $field with 400 naming it", async ({ field, request }) => {
    expectRefusedField(await request(), field);
  });

  it("refuses other control characters, but keeps line breaks in notes", async () => {
    const terminalEscape = send("POST", "/api/v1/api-keys", { name: "Kiosk\u001b[2J" }, member);
    expectRefusedField(await terminalEscape, "name");
    const lineBreak = send("POST", "/api/v1/api-keys", { name: "Kiosk\nlobby" }, member);
    expectRefusedField(await lineBreak, "name");
    const notes = await send("POST", "/api/v1/bookings", { ...booking, resourceId, notes: `Projector\u0007` }, member);
    expectRefusedField(notes, "notes");
    const described = await send(
      "PATCH",
      `/api/v1/resources/${resourceId}`,
      { description: "Eight seats.\r\n\tA screen." },
      admin,
    );
    expect(described.statusCode).toBe(200);
    expect(described.json()).toMatchObject({ description: "Eight seats.\r\n\tA screen." });
  });

  it("refuses a NUL in the local checkout's session id (tRPC only)", async () => {
    const response = await trpcQuery(server, "payments.localCheckout", { sessionId: `cs_local_${NUL}` }, bearer(member));
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain("sessionId");
  });

  // trpc-to-openapi sets `coerce` on every z.boolean() of a REST input, and Boolean("false") is true: the string
  // "false" closed a date, refunded a cancelled booking and opted an attendee into SMS. Only JSON's true and false
  // are booleans now.
  it('refuses a boolean sent as a string instead of reading "false" as true', async () => {
    const closed = await send(
      "PUT",
      `/api/v1/resources/${resourceId}/overrides/2030-01-08`,
      { closed: "false", hours: [] },
      admin,
    );
    expectRefusedField(closed, "closed");
    const overrides = await server.app.inject(`/api/v1/resources/${resourceId}/overrides`);
    expect(overrides.json().items).toEqual([]);

    const refund = await send("POST", "/api/v1/bookings/0b7a7c5e-8f0e-4a8e-9d2b-3f1c2a4b5c6d/cancel", { refund: "false" }, admin);
    expectRefusedField(refund, "refund");

    const smsOptIn = await send(
      "POST",
      "/api/v1/bookings",
      { resourceId, ...booking, attendee: { ...booking.attendee, phone: "+4915112345678", smsOptIn: "false" } },
      member,
    );
    expectRefusedField(smsOptIn, "attendee.smsOptIn");

    // Real booleans still work, through REST and through tRPC (which shares the schemas the adapter touched).
    const open = await send(
      "PUT",
      `/api/v1/resources/${resourceId}/overrides/2030-01-08`,
      { closed: false, hours: [{ start: "10:00", end: "11:00" }] },
      admin,
    );
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toMatchObject({ closed: false });
  });

  it("never answered any of them with a server error", () => {
    expect(server.logs.filter((line) => line.level === 50)).toEqual([]);
  });

  describe("page cursors", () => {
    const cursorOf = (text: string) => Buffer.from(text).toString("base64url");
    const foreign = [
      cursorOf("2026-01-01T00:00:00.000Z|not-a-uuid"),
      cursorOf("2026-01-01T00:00:00.000Z|1"),
      cursorOf("yesterday|0b7a7c5e-8f0e-4a8e-9d2b-3f1c2a4b5c6d"),
      "not base64 %%%",
    ];
    const lists = [
      { url: "/api/v1/bookings", who: () => member },
      { url: "/api/v1/bookings?when=past", who: () => member },
      { url: "/api/v1/admin/bookings", who: () => admin },
      { url: "/api/v1/admin/notifications", who: () => admin },
      { url: "/api/v1/users", who: () => admin },
    ];

    it.each(lists)("$url refuses a cursor it did not make with 400 naming `cursor`", async ({ url, who }) => {
      for (const cursor of foreign) {
        const separator = url.includes("?") ? "&" : "?";
        const response = await server.app.inject({
          url: `${url}${separator}cursor=${encodeURIComponent(cursor)}`,
          headers: bearer(who()),
        });
        expectRefusedField(response, "cursor");
      }
    });

    it("still follows a cursor it made", async () => {
      await registerAccount(server);
      const first = await server.app.inject({ url: "/api/v1/users?limit=1", headers: bearer(admin) });
      const nextCursor = first.json().nextCursor as string;
      expect(nextCursor).toEqual(expect.any(String));
      const second = await server.app.inject({ url: `/api/v1/users?limit=1&cursor=${nextCursor}`, headers: bearer(admin) });
      expect(second.statusCode).toBe(200);
      expect(second.json().items[0].id).not.toBe(first.json().items[0].id);
    });
  });
});
