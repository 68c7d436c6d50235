import { users } from "@bookable/db";
import type { CreateResourceInput } from "@bookable/validators";
import { eq } from "drizzle-orm";
import { bearer, registerAccount, tokenPair, verifyEmailOf } from "./account-helpers.js";
import type { TestServer } from "./test-server.js";

/** An admin's access token (admin@example.com is in the test servers' ADMIN_EMAILS), made once per server. */
export async function adminToken(server: TestServer): Promise<string> {
  const cached = adminTokens.get(server);
  if (cached) return cached;
  const admin = await registerAccount(server, { email: "admin@example.com" });
  if (server.app.services.localMailbox) {
    await verifyEmailOf(server, admin);
  } else {
    // In production mode there is no mailbox to read the link from: the admin is made directly.
    await server.database.db.update(users).set({ role: "admin", emailVerifiedAt: new Date() }).where(eq(users.id, admin.id));
  }
  const { accessToken } = await tokenPair(server, admin);
  adminTokens.set(server, accessToken);
  return accessToken;
}
const adminTokens = new WeakMap<TestServer, string>();

const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));

/** Creates a resource through the REST API; open every day 08:00–20:00 Berlin time, one seat, free, unless told otherwise. */
export async function createTestResource(server: TestServer, overrides: Partial<CreateResourceInput> = {}) {
  const response = await server.postJson(
    "/api/v1/resources",
    {
      name: `Room ${Math.random().toString(36).slice(2, 8)}`,
      timeZone: "Europe/Berlin",
      slotMinutes: 60,
      weeklyHours: everyDay("08:00", "20:00"),
      minNoticeMinutes: 0,
      ...overrides,
    },
    bearer(await adminToken(server)),
  );
  if (response.statusCode !== 201) throw new Error(`resource not created: ${response.body}`);
  return response.json() as { id: string; capacity: number; slotMinutes: number; timeZone: string };
}

/**
 * The first free slot at least `daysAhead` days from now that starts between 08:00 and 15:59 UTC, so that
 * the slots an hour before and after it are inside the default opening hours too, whatever time of day
 * the test runs.
 */
export async function firstFreeSlot(server: TestServer, resourceId: string, daysAhead = 2) {
  const from = new Date(Date.now() + daysAhead * 24 * 3600 * 1000);
  const to = new Date(from.getTime() + 3 * 24 * 3600 * 1000);
  const response = await server.app.inject({
    method: "GET",
    url: `/api/v1/resources/${resourceId}/availability?from=${from.toISOString()}&to=${to.toISOString()}`,
  });
  const slots = response.json().slots as { start: string; end: string; seatsLeft: number }[];
  const slot = slots.find((candidate) => {
    const hour = new Date(candidate.start).getUTCHours();
    return hour >= 8 && hour <= 15;
  });
  if (!slot) throw new Error(`no free slot: ${response.body}`);
  return slot;
}
