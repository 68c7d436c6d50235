// Issue 15, "no surprises" in what a booking's messages say: no reminder for a booking made inside the reminder
// window (the confirmation is the first and only message then), every emailed link and the checkout on the
// address the user is on (or PUBLIC_URL when set; never a forged Host in production), and times in the
// attendee's zone and clock style. PGlite and PostgreSQL.
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { NOTIFICATION_QUEUE } from "@bookable/core";
import { notifications } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, settleNotifications, tokenPair } from "../test/account-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const DAY_MINUTES = 24 * 60;

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("email links and times on $driver", (target) => {
  let counter = 0;
  const nextEmail = (what: string) => {
    counter += 1;
    return `${what}-${counter}-${target.driver}@example.com`;
  };

  /** A server listening on 127.0.0.1 (a real socket: the address a request came in on is known). */
  async function listening(environment: Record<string, string> = {}) {
    const server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "10000", ...environment });
    await server.app.listen({ host: "127.0.0.1", port: 0 });
    const origin = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    const member = await tokenPair(server, await registerVerifiedAccount(server));
    await adminToken(server);
    return { server, origin, token: member.accessToken };
  }

  async function book(
    origin: string,
    token: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<{ id: string; checkoutUrl: string | null }> {
    const response = await fetch(`${origin}/api/v1/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json", ...bearer(token), ...headers },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as { id: string; checkoutUrl: string | null };
  }

  /** POSTs a booking over a real socket with a Host header of the test's choosing (fetch does not let one be set). */
  function bookWithHost(
    origin: string,
    token: string,
    host: string,
    body: unknown,
  ): Promise<{ status: number; json: { id: string } }> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        `${origin}/api/v1/bookings`,
        { method: "POST", headers: { host, "content-type": "application/json", ...bearer(token) } },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            text += chunk;
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as { id: string } }));
        },
      );
      outgoing.on("error", reject);
      outgoing.end(payload);
    });
  }

  const mailTo = (server: TestServer, address: string) =>
    (server.app.services.localMailbox?.messages() ?? []).filter((message) => message.to === address).reverse();

  describe("without PUBLIC_URL", () => {
    let app: Awaited<ReturnType<typeof listening>>;
    beforeAll(async () => {
      app = await listening();
    });
    afterAll(async () => {
      await app?.server.close();
    });

    it("sends a booking made inside the reminder window its confirmation only, and no reminder", async () => {
      const { server, origin, token } = app;
      // The reminder would be due four days before; the slot is two days ahead.
      const resource = await createTestResource(server, { reminderMinutesBefore: 4 * DAY_MINUTES });
      const slot = await firstFreeSlot(server, resource.id, 2);
      const email = nextEmail("short-notice");
      const booking = await book(origin, token, {
        resourceId: resource.id,
        start: slot.start,
        attendee: { name: "Ada", email, timeZone: "Europe/Berlin" },
      });
      await settleNotifications(server);
      const rows = await server.database.db.select().from(notifications).where(eq(notifications.bookingId, booking.id));
      expect(rows.map((row) => row.template)).toEqual(["booking-confirmed"]);
      expect(mailTo(server, email).map((message) => message.subject)).toEqual([expect.stringMatching(/^Confirmed: /)]);
    });

    it("plans the reminder after the confirmation for a booking made before the window", async () => {
      const { server, origin, token } = app;
      const resource = await createTestResource(server, { reminderMinutesBefore: 60 });
      const slot = await firstFreeSlot(server, resource.id, 2);
      const booking = await book(origin, token, {
        resourceId: resource.id,
        start: slot.start,
        attendee: { name: "Ada", email: nextEmail("ahead"), timeZone: "Europe/Berlin" },
      });
      const rows = await server.database.db
        .select()
        .from(notifications)
        .where(eq(notifications.bookingId, booking.id))
        .orderBy(asc(notifications.sendAfter));
      expect(rows.map((row) => row.template)).toEqual(["booking-confirmed", "booking-reminder"]);
      expect(rows[1]?.sendAfter.getTime()).toBe(new Date(slot.start).getTime() - 60 * 60_000);
    });

    it("makes every link of a booking made at http://127.0.0.1:PORT on that address", async () => {
      const { server, origin, token } = app;
      expect(server.config.PUBLIC_URL).toMatch(/^http:\/\/localhost:/);
      const resource = await createTestResource(server);
      const slot = await firstFreeSlot(server, resource.id, 3);
      const email = nextEmail("loopback");
      const booking = await book(origin, token, { resourceId: resource.id, start: slot.start, attendee: { name: "Ada", email } });
      await settleNotifications(server);
      const [confirmation] = mailTo(server, email);
      expect(confirmation?.text).toContain(`${origin}/bookings/${booking.id}`);
      expect(confirmation?.text).toContain(`${origin}/api/v1/bookings/${booking.id}/calendar.ics?key=`);
      expect(confirmation?.text).not.toContain("localhost");
    });

    it("opens the checkout of a priced booking made at http://127.0.0.1:PORT on that address", async () => {
      const { server, origin, token } = app;
      const resource = await createTestResource(server, { price: { amount: 900, currency: "EUR" } });
      const slot = await firstFreeSlot(server, resource.id, 3);
      const email = nextEmail("checkout");
      const booking = await book(origin, token, { resourceId: resource.id, start: slot.start, attendee: { name: "Ada", email } });
      expect(booking.checkoutUrl).toMatch(new RegExp(`^${origin}/dev/checkout/`));
      await settleNotifications(server);
      const [held] = mailTo(server, email);
      expect(held?.subject).toMatch(/^Payment needed/);
      // "Pay" in the email is the checkout on this address, where the booker is signed in.
      expect(held?.text).toContain(`${booking.checkoutUrl}`);
      expect(held?.text).not.toContain("localhost");
    });

    it("does not believe a Host naming another address than the one the request came to", async () => {
      const { server, origin, token } = app;
      const resource = await createTestResource(server);
      const slot = await firstFreeSlot(server, resource.id, 4);
      const email = nextEmail("forged-dev");
      const booked = await bookWithHost(origin, token, `evil.example:${new URL(origin).port}`, {
        resourceId: resource.id,
        start: slot.start,
        attendee: { name: "Eve", email },
      });
      expect(booked.status, JSON.stringify(booked.json)).toBe(201);
      await settleNotifications(server);
      const [confirmation] = mailTo(server, email);
      expect(confirmation?.text).not.toContain("evil.example");
      expect(confirmation?.text).toContain(`${server.config.PUBLIC_URL}/bookings/${booked.json.id}`);
    });

    it("sends a password-reset link, made later by a worker, on the address it was asked for on", async () => {
      const { server, origin } = app;
      const account = await registerVerifiedAccount(server, { email: nextEmail("reset") });
      const response = await fetch(`${origin}/api/v1/auth/password-reset`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: account.email }),
      });
      expect(response.status).toBeLessThan(300);
      await settleNotifications(server);
      const reset = mailTo(server, account.email).find((message) => message.subject === "Reset your Bookable password");
      expect(reset?.text).toContain(`${origin}/reset-password?token=`);
    });

    it("writes subject and body in the attendee's zone and clock style", async () => {
      const { server, origin, token } = app;
      const resource = await createTestResource(server);
      const slot = await firstFreeSlot(server, resource.id, 5);
      const email = nextEmail("zone");
      await book(origin, token, {
        resourceId: resource.id,
        start: slot.start,
        attendee: { name: "Ada", email, timeZone: "America/New_York" },
        attendeeHourCycle: "h12",
      });
      await settleNotifications(server);
      const [confirmation] = mailTo(server, email);
      const newYork = new Intl.DateTimeFormat("en-US", {
        timeZone: "America/New_York",
        hour: "numeric",
        minute: "2-digit",
        hour12: true,
        timeZoneName: "short",
      })
        .format(new Date(slot.start))
        .replace(/\s/g, " ");
      // e.g. "3:00 AM EST": the attendee's time, 12-hour, with the zone's short name.
      expect(confirmation?.subject).toContain(newYork);
      const zoneName = newYork.split(" ").at(-1);
      const startTime = newYork.replace(` ${zoneName}`, "");
      // "3:00 AM – 4:00 AM EST (America/New_York)": the range names its zone once, after the end.
      expect(confirmation?.text).toMatch(new RegExp(`${startTime} – \\d{1,2}:\\d{2} [AP]M ${zoneName} \\(America/New_York\\)`));
      expect(confirmation?.text).toMatch(/local time at the resource \(Europe\/Berlin\)/);
      expect(confirmation?.text).toContain("https://calendar.google.com/calendar/render?action=TEMPLATE");
      expect(confirmation?.text).toContain("https://outlook.live.com/calendar/0/deeplink/compose?");
    });

    it("refuses an hour cycle it does not know with a 400 naming the field", async () => {
      const { server, token } = app;
      const resource = await createTestResource(server);
      const slot = await firstFreeSlot(server, resource.id, 5);
      const response = await server.postJson(
        "/api/v1/bookings",
        {
          resourceId: resource.id,
          start: slot.start,
          attendee: { name: "Ada", email: nextEmail("bad") },
          attendeeHourCycle: "h24",
        },
        bearer(token),
      );
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain("attendeeHourCycle");
    });
  });

  describe("with PUBLIC_URL set", () => {
    let app: Awaited<ReturnType<typeof listening>>;
    beforeAll(async () => {
      app = await listening({ PUBLIC_URL: "https://bookable.example.com" });
    });
    afterAll(async () => {
      await app?.server.close();
    });

    it("makes links on PUBLIC_URL whatever address the request came to", async () => {
      const { server, origin, token } = app;
      const resource = await createTestResource(server);
      const slot = await firstFreeSlot(server, resource.id, 3);
      const email = nextEmail("public-url");
      const booking = await book(origin, token, { resourceId: resource.id, start: slot.start, attendee: { name: "Ada", email } });
      await settleNotifications(server);
      const [confirmation] = mailTo(server, email);
      expect(confirmation?.text).toContain(`https://bookable.example.com/bookings/${booking.id}`);
      expect(confirmation?.text).not.toContain(origin);
    });
  });

  describe("in production without PUBLIC_URL", () => {
    let app: Awaited<ReturnType<typeof listening>>;
    beforeAll(async () => {
      app = await listening({ NODE_ENV: "production" });
      // Messages stay queued, with their data, for the test to read.
      await app.server.app.services.jobs.offWork(NOTIFICATION_QUEUE, { wait: true });
    });
    afterAll(async () => {
      await app?.server.close();
    });

    it.each([
      ["a forged Host", "evil.example"],
      ["even the address it listens on", "127.0.0.1"],
    ])("makes links on the configured address, not on %s", async (_, hostName) => {
      const { server, origin } = app;
      const resource = await createTestResource(server);
      const slot = await firstFreeSlot(server, resource.id, hostName === "evil.example" ? 3 : 4);
      const host = `${hostName}:${new URL(origin).port}`;
      const booked = await bookWithHost(origin, app.token, host, {
        resourceId: resource.id,
        start: slot.start,
        attendee: { name: "Ada", email: nextEmail("prod") },
      });
      expect(booked.status, JSON.stringify(booked.json)).toBe(201);
      const [confirmation] = await server.database.db
        .select()
        .from(notifications)
        .where(eq(notifications.bookingId, booked.json.id));
      const data = confirmation?.data as { booking: { bookingUrl: string }; publicUrl: string };
      expect(data.booking.bookingUrl).toBe(`${server.config.PUBLIC_URL}/bookings/${booked.json.id}`);
      expect(data.publicUrl).toBe(server.config.PUBLIC_URL);
      expect(server.config.PUBLIC_URL).not.toContain(hostName);
    });
  });
});
