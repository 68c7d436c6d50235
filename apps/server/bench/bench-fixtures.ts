// What the scenarios need in the bench database: an admin, 24/7 resources, and the
// 1000 accounts of the users scenario. Through the API where that is cheap; the accounts of many users
// are inserted directly (see createUserAccounts).
import { hashPassword } from "@bookable/auth";
import { type BenchDatabase, withClient } from "./bench-database.js";
import { call, created, inBatches, PASSWORD, register, signIn } from "./http-setup.js";
import { ResponseTally, type ScenarioResult } from "./scenario-result.js";

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

export const userEmail = (index: number) => `bench-user-${index}@example.com`;

/**
 * The users scenario's accounts, each its own: inserted in one statement with one argon2id hash computed
 * here by the server's own hashing code (registering 1000 accounts over HTTP would hash 1000 times and
 * only measure argon2). Emails are confirmed, as the mailbox link would. signInUsers then signs each in.
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

const SIGN_IN_ATTEMPTS = 3;

/**
 * Each user signs in over HTTP with its password (POST /auth/token: the server verifies every password with
 * argon2id and opens a session, as for a person), `concurrency` at a time, before the users scenario; the
 * tokens last 15 minutes, past its end. Done before the load, not during its ramp-up: 1000 argon2
 * verifications in 30 s are about a core of work here, and when they ran inside the scenario they starved
 * everything else on this 2-core machine (bench of 2026-12-06: 0 of 1000 signed in with the machine busy).
 * The sign-ins' own latency is reported as a row.
 */
export async function signInUsers(
  baseUrl: string,
  count: number,
  concurrency: number,
): Promise<{ tokens: string[]; result: ScenarioResult }> {
  const tally = new ResponseTally();
  const started = performance.now();
  const tokens = await inBatches(count, concurrency, async (index) => {
    for (let attempt = 0; attempt < SIGN_IN_ATTEMPTS; attempt++) {
      const sent = performance.now();
      try {
        const response = await fetch(`${baseUrl}/api/v1/auth/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: userEmail(index), password: PASSWORD }),
          signal: AbortSignal.timeout(10_000),
        });
        const body: unknown = await response.json().catch(() => null);
        tally.response(response.status, performance.now() - sent);
        const token = typeof body === "object" && body !== null ? (body as { accessToken?: unknown }).accessToken : undefined;
        if (response.status === 200 && typeof token === "string") return token;
      } catch (error) {
        tally.noAnswer(error instanceof Error ? error.name : "unknown");
      }
    }
    return "";
  });
  const seconds = (performance.now() - started) / 1000;
  const result = tally.result({
    scenario: "3. users: sign in (setup)",
    target: `POST /api/v1/auth/token, ${concurrency} at a time`,
    connections: concurrency,
    durationSeconds: seconds,
  });
  result.notes.push(`${tokens.filter(Boolean).length} of ${count} users signed in, in ${seconds.toFixed(1)} s`);
  return { tokens, result };
}
