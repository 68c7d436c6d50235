import { PASSWORD_RESET_QUEUE } from "@bookable/core";
import { notifications, users } from "@bookable/db";
import { and, count, eq, inArray, lte, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import type { TestServer } from "./test-server.js";

let sequence = 0;

export interface TestAccount {
  username: string;
  email: string;
  password: string;
  id: string;
}

/** Registers a fresh account through the REST API. */
export async function registerAccount(
  server: TestServer,
  overrides: Partial<Omit<TestAccount, "id">> = {},
): Promise<TestAccount> {
  sequence += 1;
  const suffix = `${process.pid}${sequence}${Math.floor(Math.random() * 1000)}`;
  const details = { username: `person${suffix}`, email: `person${suffix}@example.com`, password: "long enough 1", ...overrides };
  const response = await server.postJson("/api/v1/users", details);
  if (response.statusCode !== 201) throw new Error(`registration failed: ${response.body}`);
  return { ...details, id: response.json().user.id };
}

/**
 * Registers a fresh account whose email counts as confirmed, as booking requires. The confirmation is
 * written directly (no mailbox round trip), so it works with or without the worker and the dev mailbox.
 */
export async function registerVerifiedAccount(
  server: TestServer,
  overrides: Partial<Omit<TestAccount, "id">> = {},
): Promise<TestAccount> {
  const account = await registerAccount(server, overrides);
  await server.database.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, account.id));
  return account;
}

export type TrpcResponse = Pick<LightMyRequestResponse, "statusCode" | "headers" | "body" | "json">;

/**
 * Calls a tRPC mutation over HTTP as the web app's httpBatchLink does. A mutation without input goes as
 * a batch of one (`?batch=1`, body `{}`), exactly what the client sends; its one result is unwrapped.
 */
export async function trpcMutation(
  server: TestServer,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<TrpcResponse> {
  if (input !== undefined) return server.postJson(`/trpc/${path}`, input, headers);
  const response = await server.postJson(`/trpc/${path}?batch=1`, {}, headers);
  const [first] = response.json();
  return { statusCode: response.statusCode, headers: response.headers, body: JSON.stringify(first), json: () => first };
}

/** Calls a tRPC query over HTTP. */
export function trpcQuery(server: TestServer, path: string, input?: unknown, headers: Record<string, string> = {}) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return server.app.inject({ method: "GET", url: `/trpc/${path}${query}`, headers });
}

/** The value of a Set-Cookie for `name`, with its attributes. */
export function setCookie(
  response: Pick<LightMyRequestResponse, "headers">,
  name: string,
): { value: string; attributes: string } | undefined {
  const header = response.headers["set-cookie"];
  const lines = Array.isArray(header) ? header : header ? [header] : [];
  const line = lines.find((candidate) => candidate.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair = "", ...attributes] = line.split(";");
  return { value: decodeURIComponent(pair.slice(name.length + 1)), attributes: attributes.join(";").trim() };
}

/** Signs in through tRPC like the browser does; returns the Cookie header to send afterwards. */
export async function signInBrowser(server: TestServer, account: { email: string; password: string }): Promise<string> {
  const response = await trpcMutation(server, "auth.signIn", { email: account.email, password: account.password });
  const cookie = setCookie(response, "bookable_session");
  if (response.statusCode !== 200 || !cookie) throw new Error(`sign-in failed: ${response.body}`);
  return `bookable_session=${cookie.value}`;
}

/** Gets a token pair through the REST API. */
export async function tokenPair(server: TestServer, account: { email: string; password: string }) {
  const response = await server.postJson("/api/v1/auth/token", { email: account.email, password: account.password });
  if (response.statusCode !== 200) throw new Error(`token request failed: ${response.body}`);
  return response.json() as { accessToken: string; refreshToken: string; tokenType: "Bearer"; expiresIn: number };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Waits until the queue has delivered every message that is due (none left queued, sending or retrying),
 * and every password-reset request has been looked up (its message queued, or none), so a test reads the
 * mailbox after the worker, not before it.
 */
export async function settleNotifications(server: TestServer, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Reset requests first: a request's job completes only after its email is queued, so once none is left
    // the query below sees every email they caused (read the other way round, one slips between the two).
    const requests = await pendingResetRequests(server);
    const [row] = await server.database.db
      .select({ outstanding: count() })
      .from(notifications)
      .where(and(inArray(notifications.status, ["queued", "sending", "retrying"]), lte(notifications.sendAfter, new Date())));
    if ((row?.outstanding ?? 0) === 0 && requests === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`${row?.outstanding} messages and ${requests} reset requests still undelivered after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function pendingResetRequests(server: TestServer): Promise<number> {
  const result = await server.database.db.execute(
    sql`select count(*)::int as n from pgboss.job where name = ${PASSWORD_RESET_QUEUE} and state in ('created', 'retry', 'active')`,
  );
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}

/** The newest message the local email adapter recorded for an address, once the queue has delivered it. */
export async function lastEmailTo(server: TestServer, address: string) {
  await settleNotifications(server);
  return server.app.services.localMailbox?.messages().find((message) => message.to === address);
}

/** The token in the link of the newest email to an address. */
export async function tokenFromLastEmail(server: TestServer, address: string): Promise<string> {
  const message = await lastEmailTo(server, address);
  const token = message?.text.match(/token=([A-Za-z0-9_%-]+)/)?.[1];
  if (!token) throw new Error(`no emailed token for ${address}`);
  return decodeURIComponent(token);
}

/**
 * Confirms an account's email through the emailed link, as its owner would: signed in, which an
 * ADMIN_EMAILS address requires.
 */
export async function verifyEmailOf(server: TestServer, account: { email: string; password: string }): Promise<void> {
  const { accessToken } = await tokenPair(server, account);
  const token = await tokenFromLastEmail(server, account.email);
  const response = await server.postJson("/api/v1/auth/verify-email", { token }, bearer(accessToken));
  if (response.statusCode !== 200) throw new Error(`verification failed: ${response.body}`);
}
