// What the scenarios need in the bench database: an admin, 24/7 resources, members with tokens, and the
// 1000 accounts of the users scenario. Through the API where that is cheap; the accounts of many users
// are inserted directly (see createUserAccounts).
import { hashPassword } from "@bookable/auth";
import { type BenchDatabase, withClient } from "./bench-database.js";
import { call, created, inBatches, PASSWORD, register, signIn } from "./http-setup.js";

export const ADMIN_EMAIL = "bench-admin@example.com";
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));

/** The admin. Becoming admin needs a verified email; production has no dev mailbox, so the bench verifies it in the database. */
export async function createAdmin(baseUrl: string, database: BenchDatabase): Promise<string> {
  await register(baseUrl, "bench_admin", ADMIN_EMAIL);
  await withClient(database.url, (client) =>
    client.query("update users set email_verified_at = now(), role = 'admin' where email = $1", [ADMIN_EMAIL]),
  );
  return signIn(baseUrl, ADMIN_EMAIL);
}

/** Resources open around the clock with 15-minute slots, a year's horizon and no minimum notice. */
export async function createResources(
  baseUrl: string,
  adminToken: string,
  prefix: string,
  count: number,
  capacity: number,
): Promise<string[]> {
  return inBatches(count, 5, async (index) => {
    const resource = await call(
      baseUrl,
      {
        method: "POST",
        path: "/api/v1/resources",
        token: adminToken,
        body: {
          name: `Bench ${prefix} ${index}`,
          slug: `bench-${prefix}-${index}`,
          timeZone: "UTC",
          slotMinutes: 15,
          weeklyHours: ALL_WEEK,
          capacity,
          minNoticeMinutes: 0,
          horizonDays: 365,
        },
      },
      201,
      created,
    );
    return resource.id;
  });
}

/** Members registered and signed in through the API, with their email confirmed in the database. */
export async function createMembers(baseUrl: string, database: BenchDatabase, count: number): Promise<string[]> {
  await inBatches(count, 4, (index) => register(baseUrl, `bench_member_${index}`, memberEmail(index)));
  // Booking needs a confirmed email; there is no mailbox in production, so the bench confirms them directly.
  await withClient(database.url, (client) =>
    client.query("update users set email_verified_at = now() where email like 'bench-member-%@example.com'"),
  );
  return inBatches(count, 4, (index) => signIn(baseUrl, memberEmail(index)));
}

export const memberEmail = (index: number) => `bench-member-${index}@example.com`;
export const userEmail = (index: number) => `bench-user-${index}@example.com`;

/**
 * The users scenario's accounts, each its own: inserted in one statement with one argon2id hash computed
 * here by the server's own hashing code (registering 1000 accounts over HTTP would hash 1000 times and
 * only measure argon2). Emails are confirmed, as the mailbox link would. Each virtual user then signs in
 * over HTTP with its password, so the server verifies every password as it would for a person.
 */
export async function createUserAccounts(database: BenchDatabase, count: number): Promise<void> {
  const passwordHash = await hashPassword(PASSWORD);
  await withClient(database.url, (client) =>
    client.query(
      `insert into users (username, email, password_hash, email_verified_at)
       select 'bench_user_' || n, 'bench-user-' || n || '@example.com', $1, now() from generate_series(0, $2::int - 1) as n`,
      [passwordHash, count],
    ),
  );
}
