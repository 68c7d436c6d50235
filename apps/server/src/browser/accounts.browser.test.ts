// Accounts in a real browser (Debian's Chromium through playwright-core) against the real server and
// the built web app: sign-up, sign-out and sign-in, password reset through the dev mailbox, API keys,
// and a wrong password. Run `pnpm build` first (the test command does).

import { chromiumPath } from "@bookable/testing/chromium";
import { describe, expect, it } from "vitest";
import { bearer, tokenFromLastEmail, tokenPair, verifyEmailOf } from "../../test/account-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";

if (!chromiumPath) console.warn("Browser tests skipped: Chromium is not installed (apt-get install -y chromium).");

describe.skipIf(!chromiumPath)("accounts in the browser", () => {
  // A page of its own browser context per test: no cookie is carried from one test to the next.
  const session = useBrowserSession({ environment: { ADMIN_EMAILS: "admin@example.com,margaret@example.com" } });

  const header = () => session.page.getByRole("banner");
  const main = () => session.page.getByRole("main");
  /** The header's link to the account page, named by the username. */
  const headerUserLink = (username: string) => header().getByRole("link", { name: username, exact: true });
  const headerSignInLink = () => header().getByRole("link", { name: "Sign in", exact: true });

  const createAccount = async (account: { username: string; email: string; password: string }) => {
    const response = await session.server.postJson("/api/v1/users", account);
    expect(response.statusCode, response.body).toBe(201);
  };

  /** What GET /api/v1/me answers to a bearer credential. */
  const meWith = async (credential: string) =>
    (await session.server.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${credential}` } }))
      .statusCode;

  it("signs up (and in at once), signs out, signs in again and stays signed in after a reload", async () => {
    const { baseUrl, page } = session;
    await page.goto(`${baseUrl}/sign-up`);
    await page.getByLabel("Username").fill("ada_lovelace");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("analytical engine");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Welcome, ada_lovelace");
    expect(await page.getByRole("status").textContent()).toContain("confirmation link");
    await headerUserLink("ada_lovelace").waitFor();

    await header().getByRole("button", { name: "Sign out" }).click();
    await headerSignInLink().waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await headerUserLink("ada_lovelace").count()).toBe(0);

    await headerSignInLink().click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    await submitSignIn(page, "ada@example.com", "analytical engine");
    await page.waitForURL(`${baseUrl}/account`);
    await headerUserLink("ada_lovelace").waitFor();
    await page.getByText("This device").waitFor();

    // The header comes from the session cookie, so it survives a full reload.
    await page.reload();
    await headerUserLink("ada_lovelace").waitFor();
    expect(await headerSignInLink().count()).toBe(0);
    await page.getByRole("heading", { name: "Your account" }).waitFor();
  });

  it("resets a forgotten password with the link from the dev mailbox", async () => {
    const { server, baseUrl, page } = session;
    await createAccount({ username: "grace_hopper", email: "grace@example.com", password: "cobol 1959 first" });

    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL(`${baseUrl}/forgot-password`);
    await page.getByLabel("Email").fill("grace@example.com");
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("If an account exists for that email");

    await page.goto(`${baseUrl}/dev/mailbox`);
    const resetEmail = page
      .getByRole("article")
      .filter({ hasText: "Reset your Bookable password" })
      .filter({ hasText: "grace@example.com" });
    const resetLink = resetEmail.getByRole("link");
    const href = await resetLink.getAttribute("href");
    expect(href).toMatch(new RegExp(`^${baseUrl}/reset-password\\?token=`));
    await resetLink.click();
    await page.waitForURL(/\/reset-password\?token=/);

    await page.getByLabel("New password").fill("nanoseconds 30cm");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Your password has been changed");

    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    await submitSignIn(page, "grace@example.com", "nanoseconds 30cm");
    await page.waitForURL(`${baseUrl}/account`);
    await headerUserLink("grace_hopper").waitFor();
    // Following the link proved the inbox is hers, which confirms the address too.
    await page.getByText("Verified", { exact: true }).waitFor();

    // The old password no longer works, and the link works only once.
    const oldPassword = await server.postJson("/api/v1/auth/token", { email: "grace@example.com", password: "cobol 1959 first" });
    expect(oldPassword.statusCode).toBe(401);
    await page.goto(href ?? "");
    await page.getByLabel("New password").fill("another one entirely");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("already been used");
  });

  it("creates an API key, shows its secret once, and revokes it after confirmation", async () => {
    const { baseUrl, page } = session;
    await createAccount({ username: "alan_turing", email: "alan@example.com", password: "enigma bombe 1940" });

    // The account page sends a visitor to sign in and back.
    await page.goto(`${baseUrl}/account`);
    await page.waitForURL(`${baseUrl}/sign-in?next=/account`);
    await submitSignIn(page, "alan@example.com", "enigma bombe 1940");
    await page.waitForURL(`${baseUrl}/account`);
    await page.getByText("No API keys yet").waitFor();

    // Until the address is confirmed, the card says why there is no way to create a key.
    await page.getByText("Confirm your email to create API keys").waitFor();
    expect(await page.getByRole("button", { name: "Create key" }).count()).toBe(0);
    await verifyEmailOf(session.server, { email: "alan@example.com", password: "enigma bombe 1940" });
    await page.reload();

    await page.getByLabel("Key name").fill("Build server");
    await page.getByRole("button", { name: "Create key" }).click();
    const secretField = page.getByLabel("New API key", { exact: true });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret.length).toBeGreaterThan(20);
    expect(await secretField.getAttribute("readonly")).not.toBeNull();
    await page.getByText("You won't see it again").waitFor();

    const keys = page.getByRole("list", { name: "Your API keys" });
    const row = keys.getByRole("listitem").filter({ hasText: "Build server" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Last used Never");
    const prefix = (await row.locator("code").textContent())?.replace("…", "") ?? "";
    expect(prefix.length).toBeGreaterThan(3);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(await meWith(secret)).toBe(200);

    // Shown once: after a reload the key is listed but its secret is nowhere on the page.
    await page.reload();
    await row.waitFor();
    expect(await page.getByLabel("New API key", { exact: true }).count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    await row.getByRole("button", { name: "Revoke Build server" }).click();
    // Nothing is revoked until the second, confirming press.
    await page.getByRole("button", { name: "Revoke key", exact: true }).waitFor();
    expect(await meWith(secret)).toBe(200);
    await page.getByRole("button", { name: "Revoke key", exact: true }).click();
    await page.getByText("No API keys yet").waitFor();
    expect(await meWith(secret)).toBe(401);
  });

  it("confirms an admin address only in its own signed-in session, and tells anyone else to reset it instead", async () => {
    const { baseUrl, page, server } = session;
    // margaret@example.com is in this server's ADMIN_EMAILS: confirming it makes the account admin.
    const account = { username: "margaret_hamilton", email: "margaret@example.com", password: "apollo guidance 1969" };
    await createAccount(account);
    const link = `/verify-email?token=${encodeURIComponent(await tokenFromLastEmail(server, account.email))}`;

    // Opened by someone who is not signed in (the inbox's owner, if someone else registered the address).
    await page.goto(`${baseUrl}${link}`);
    await page.getByText("Sign in to confirm this address").waitFor();
    expect(await page.getByRole("link", { name: "reset its password" }).getAttribute("href")).toBe("/forgot-password");

    // The registrant signs in and comes back to the same link, which is still good.
    await main().getByRole("link", { name: "Sign in", exact: true }).click();
    await submitSignIn(page, account.email, account.password);
    await page.getByText("Email confirmed").waitFor();
    const { accessToken } = await tokenPair(server, account);
    expect(
      (await server.app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(accessToken) })).json().user,
    ).toMatchObject({
      role: "admin",
      emailVerified: true,
    });
  });

  it("says so when the password is wrong", async () => {
    const { baseUrl, page } = session;
    await createAccount({ username: "emmy_noether", email: "emmy@example.com", password: "symmetry conserved" });
    await page.goto(`${baseUrl}/sign-in`);
    await submitSignIn(page, "emmy@example.com", "not her password");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Email or password is incorrect");
    expect(page.url()).toBe(`${baseUrl}/sign-in`);
    expect(await headerUserLink("emmy_noether").count()).toBe(0);
    await headerSignInLink().waitFor();
  });
});
