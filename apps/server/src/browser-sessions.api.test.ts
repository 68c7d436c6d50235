// Browser sessions through /trpc as the web app uses it: cookies, expiry, renewal, revocation, CSRF,
// email verification and password reset — on PGlite and PostgreSQL.
import { sessions } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  lastEmailTo,
  registerAccount,
  setCookie,
  settleNotifications,
  signInBrowser,
  type TestAccount,
  tokenFromLastEmail,
  trpcMutation,
  trpcQuery,
  verifyEmailOf,
} from "../test/account-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const DAY = 24 * 60 * 60 * 1000;

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("browser sessions on $driver", (target) => {
  let server: TestServer;
  let account: TestAccount;
  const viewer = async (cookie: string) =>
    (await trpcQuery(server, "auth.viewer", undefined, { cookie })).json().result.data.user;
  const sessionRowFor = async (cookie: string) => {
    const list = await trpcQuery(server, "sessions.list", undefined, { cookie });
    const current = list.json().result.data.items.find((item: { current: boolean }) => item.current);
    return current as { id: string };
  };

  beforeAll(async () => {
    server = await buildTestServer(target, { AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
    account = await registerAccount(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("signs in with an HttpOnly, SameSite=Lax cookie holding a token the database never stores", async () => {
    const response = await trpcMutation(server, "auth.signIn", {
      email: account.email.toUpperCase(),
      password: account.password,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().result.data.user).toMatchObject({ id: account.id });
    const cookie = setCookie(response, "bookable_session");
    expect(cookie?.value).toMatch(/^[a-z2-7]{32}$/);
    expect(cookie?.attributes).toMatch(/HttpOnly/);
    expect(cookie?.attributes).toMatch(/SameSite=Lax/);
    expect(cookie?.attributes).toMatch(/Path=\//);
    expect(cookie?.attributes).not.toMatch(/Secure/);
    const stored = await server.database.db.select().from(sessions).where(eq(sessions.userId, account.id));
    expect(JSON.stringify(stored)).not.toContain(cookie?.value);
    expect(await viewer(`bookable_session=${cookie?.value}`)).toMatchObject({ id: account.id, username: account.username });
  });

  it("marks the cookie Secure in production", async () => {
    const production = await buildTestServer(target, { NODE_ENV: "production", LOG_LEVEL: "warn" });
    try {
      const someone = await registerAccount(production);
      const response = await trpcMutation(production, "auth.signIn", { email: someone.email, password: someone.password });
      expect(setCookie(response, "bookable_session")?.attributes).toMatch(/Secure/);
      // The dev mailbox would hand out reset links; production never serves it.
      expect((await trpcQuery(production, "dev.mailbox")).statusCode).toBe(404);
    } finally {
      await production.close();
    }
  });

  it("refuses a wrong password with the same message as an unknown email", async () => {
    for (const attempt of [
      { email: account.email, password: "wrong password" },
      { email: "nobody@example.com", password: "wrong password" },
    ]) {
      const response = await trpcMutation(server, "auth.signIn", attempt);
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toMatchObject({
        message: "Email or password is incorrect",
        data: { code: "UNAUTHENTICATED" },
      });
      expect(setCookie(response, "bookable_session")).toBeUndefined();
    }
  });

  it("signs out: the cookie is cleared and the session no longer works", async () => {
    const cookie = await signInBrowser(server, account);
    const response = await trpcMutation(server, "auth.signOut", undefined, { cookie });
    expect(response.statusCode).toBe(200);
    expect(setCookie(response, "bookable_session")?.attributes).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await viewer(cookie)).toBeNull();
  });

  it("treats an expired session as signed out and clears its cookie", async () => {
    const cookie = await signInBrowser(server, account);
    const { id } = await sessionRowFor(cookie);
    await server.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, id));
    const response = await trpcQuery(server, "auth.viewer", undefined, { cookie });
    expect(response.json().result.data.user).toBeNull();
    expect(setCookie(response, "bookable_session")?.attributes).toMatch(/Expires=Thu, 01 Jan 1970/);
    const protectedCall = await trpcQuery(server, "sessions.list", undefined, { cookie });
    expect(protectedCall.statusCode).toBe(401);
  });

  it("extends a session used past half its life (sliding expiry) and sends the cookie again", async () => {
    const cookie = await signInBrowser(server, account);
    const { id } = await sessionRowFor(cookie);
    await server.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + 10 * DAY), lastSeenAt: new Date(Date.now() - DAY) })
      .where(eq(sessions.id, id));
    const response = await trpcQuery(server, "auth.viewer", undefined, { cookie });
    expect(response.json().result.data.user).not.toBeNull();
    expect(setCookie(response, "bookable_session")?.value).toBe(cookie.split("=")[1]);
    const [row] = await server.database.db.select().from(sessions).where(eq(sessions.id, id));
    expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
    expect(row?.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("lists my sessions with the current one marked, revokes one, and revokes all others", async () => {
    const laptop = await signInBrowser(server, account);
    const phone = await signInBrowser(server, account);
    const tablet = await signInBrowser(server, account);
    const phoneSession = await sessionRowFor(phone);
    const list = (await trpcQuery(server, "sessions.list", undefined, { cookie: laptop })).json().result.data.items;
    expect(list.filter((item: { current: boolean }) => item.current)).toHaveLength(1);
    expect(list.map((item: { id: string }) => item.id)).toContain(phoneSession.id);

    expect((await trpcMutation(server, "sessions.revoke", { id: phoneSession.id }, { cookie: laptop })).statusCode).toBe(200);
    expect(await viewer(phone)).toBeNull();
    expect(await viewer(tablet)).not.toBeNull();

    const others = await trpcMutation(server, "sessions.revokeOthers", undefined, { cookie: laptop });
    expect(others.json().result.data.revoked).toBeGreaterThanOrEqual(1);
    expect(await viewer(tablet)).toBeNull();
    expect(await viewer(laptop)).toMatchObject({ id: account.id });
  });

  it("never lists or revokes another user's sessions", async () => {
    const mine = await signInBrowser(server, account);
    const stranger = await signInBrowser(server, await registerAccount(server));
    const myId = (await sessionRowFor(mine)).id;
    const theirList = (await trpcQuery(server, "sessions.list", undefined, { cookie: stranger })).json().result.data.items;
    expect(theirList.map((item: { id: string }) => item.id)).not.toContain(myId);
    const attempt = await trpcMutation(server, "sessions.revoke", { id: myId }, { cookie: stranger });
    expect(attempt.statusCode).toBe(404);
    expect(await viewer(mine)).not.toBeNull();
  });

  describe("cross-site request forgery", () => {
    // Creating an API key needs a confirmed email; the refusals below must be the origin check's.
    let verified: TestAccount;
    beforeAll(async () => {
      verified = await registerAccount(server);
      await verifyEmailOf(server, verified);
    });

    it("refuses a cookie-authenticated mutation from another origin", async () => {
      const cookie = await signInBrowser(server, verified);
      const forged = await trpcMutation(server, "apiKeys.create", { name: "evil" }, { cookie, origin: "https://evil.example" });
      expect(forged.statusCode).toBe(403);
      expect(forged.json().error.data.code).toBe("FORBIDDEN");
      const fetchMetadata = await trpcMutation(
        server,
        "apiKeys.create",
        { name: "evil" },
        { cookie, "sec-fetch-site": "cross-site" },
      );
      expect(fetchMetadata.statusCode).toBe(403);
      const keys = (await trpcQuery(server, "apiKeys.list", undefined, { cookie })).json().result.data.items;
      expect(keys.map((key: { name: string }) => key.name)).not.toContain("evil");
    });

    it("refuses a sign-in posted from another origin (login CSRF)", async () => {
      const forged = await trpcMutation(
        server,
        "auth.signIn",
        { email: account.email, password: account.password },
        { origin: "https://evil.example" },
      );
      expect(forged.statusCode).toBe(403);
      expect(setCookie(forged, "bookable_session")).toBeUndefined();
    });

    it("accepts the app's own origin and the origin the request was addressed to", async () => {
      const cookie = await signInBrowser(server, verified);
      const own = await trpcMutation(server, "apiKeys.create", { name: "own" }, { cookie, origin: server.config.PUBLIC_URL });
      expect(own.statusCode).toBe(200);
      const proxied = await trpcMutation(
        server,
        "apiKeys.create",
        { name: "proxied" },
        { cookie, origin: "http://app.test:5173", host: "app.test:5173" },
      );
      expect(proxied.statusCode).toBe(200);
    });
  });

  describe("email verification", () => {
    it("is emailed at registration, confirms the address, and says so when opened again", async () => {
      const someone = await registerAccount(server);
      const email = await lastEmailTo(server, someone.email);
      expect(email).toMatchObject({ template: "verify-email", subject: expect.stringContaining("Confirm") });
      const token = await tokenFromLastEmail(server, someone.email);
      const verified = await server.postJson("/api/v1/auth/verify-email", { token });
      expect(verified.statusCode).toBe(200);
      const cookie = await signInBrowser(server, someone);
      expect(await viewer(cookie)).toMatchObject({ emailVerified: true });
      // A second click is no failure: the address is confirmed, and the answer says so.
      const again = await server.postJson("/api/v1/auth/verify-email", { token });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ message: "Your email address is already confirmed." });
    });

    it("can be sent again by the signed-in owner", async () => {
      const someone = await registerAccount(server);
      const cookie = await signInBrowser(server, someone);
      await settleNotifications(server);
      const before = server.app.services.localMailbox?.messages().length ?? 0;
      const resent = await trpcMutation(server, "auth.resendVerification", undefined, { cookie });
      expect(resent.statusCode).toBe(200);
      await settleNotifications(server);
      expect(server.app.services.localMailbox?.messages().length).toBe(before + 1);
      await server.postJson("/api/v1/auth/verify-email", { token: await tokenFromLastEmail(server, someone.email) });
      const already = await trpcMutation(server, "auth.resendVerification", undefined, { cookie });
      expect(already.json().result.data.message).toBe("Your email address is already confirmed.");
      await settleNotifications(server);
      expect(server.app.services.localMailbox?.messages().length).toBe(before + 1);
    });
  });

  describe("password reset", () => {
    it("emails a link, sets the new password once, and signs out every session", async () => {
      const someone = await registerAccount(server);
      const oldCookie = await signInBrowser(server, someone);
      const requested = await server.postJson("/api/v1/auth/password-reset", { email: someone.email });
      expect(requested.statusCode).toBe(200);
      expect((await lastEmailTo(server, someone.email))?.template).toBe("reset-password");
      const token = await tokenFromLastEmail(server, someone.email);

      const reset = await server.postJson("/api/v1/auth/password-reset/confirm", { token, password: "brand new password" });
      expect(reset.statusCode).toBe(200);
      expect(await viewer(oldCookie)).toBeNull();
      expect((await trpcMutation(server, "auth.signIn", { email: someone.email, password: someone.password })).statusCode).toBe(
        401,
      );
      expect(await viewer(await signInBrowser(server, { email: someone.email, password: "brand new password" }))).not.toBeNull();

      const reused = await server.postJson("/api/v1/auth/password-reset/confirm", { token, password: "another new password" });
      expect(reused.statusCode).toBe(400);
      expect(reused.json().error.issues[0].message).toContain("already been used");
    });

    it("refuses an expired link", async () => {
      const someone = await registerAccount(server);
      await server.postJson("/api/v1/auth/password-reset", { email: someone.email });
      const token = await tokenFromLastEmail(server, someone.email);
      const { oneTimeTokens } = await import("@bookable/db");
      await server.database.db
        .update(oneTimeTokens)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(oneTimeTokens.userId, someone.id));
      const expired = await server.postJson("/api/v1/auth/password-reset/confirm", { token, password: "brand new password" });
      expect(expired.statusCode).toBe(400);
      expect(expired.json().error.issues).toEqual([{ path: "token", message: "This link has expired; ask for a new one" }]);
      expect(await viewer(await signInBrowser(server, someone))).not.toBeNull();
    });

    it("answers the same for an unknown email and sends nothing", async () => {
      await settleNotifications(server);
      const before = server.app.services.localMailbox?.messages().length;
      const known = await server.postJson("/api/v1/auth/password-reset", { email: account.email });
      const unknown = await server.postJson("/api/v1/auth/password-reset", { email: "nobody-here@example.com" });
      expect(unknown.statusCode).toBe(200);
      expect(unknown.json()).toEqual(known.json());
      await settleNotifications(server);
      expect(server.app.services.localMailbox?.messages().length).toBe((before ?? 0) + 1);
    });

    it("validates the new password with the registration rules", async () => {
      const response = await server.postJson("/api/v1/auth/password-reset/confirm", { token: "x".repeat(32), password: "short" });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.issues).toEqual([{ path: "password", message: "Password must be at least 8 characters" }]);
    });
  });

  it("writes no password, session token or emailed token into the log", async () => {
    const cookie = await signInBrowser(server, account);
    await viewer(cookie);
    await server.postJson("/api/v1/auth/password-reset", { email: account.email });
    const resetToken = await tokenFromLastEmail(server, account.email);
    // The emailed link is opened in the browser: the page request carries the token in its URL.
    await server.app.inject({ url: `/reset-password?token=${resetToken}`, headers: { accept: "text/html" } });
    expect(JSON.stringify(server.logs)).toContain("/reset-password?token=%5Bredacted%5D");
    expect(JSON.stringify(server.logs)).not.toContain(resetToken);
    const log = JSON.stringify(server.logs);
    expect(log).not.toContain(account.password);
    expect(log).not.toContain(cookie.split("=")[1]);
  });
});
