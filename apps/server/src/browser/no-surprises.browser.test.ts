// The small surprises of issue 15, in a real browser against the built web app: a wrong password is no
// fault with a reference number, a blank email asks for the address, an admin whose address is unconfirmed
// is told to confirm it, and a confirmation link opened twice says the address is already confirmed.
// Run `pnpm build` first.

import { chromiumPath } from "@bookable/testing/chromium";
import { describe, expect, it } from "vitest";
import { registerAccount, tokenFromLastEmail } from "../../test/account-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";

describe.skipIf(!chromiumPath)("no surprises in the browser", () => {
  const session = useBrowserSession({ environment: { AUTH_RATE_LIMIT_PER_MINUTE: "1000" } });

  /** The messages an input is described by (its field error among them). */
  const describedErrorOf = (label: string) =>
    session.page.getByLabel(label, { exact: true }).evaluate((input) =>
      (input.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id: string) => input.ownerDocument.getElementById(id)?.textContent ?? "")
        .join(" | "),
    );

  it("shows a wrong password without an error reference", async () => {
    const { page, baseUrl, server } = session;
    const account = await registerAccount(server);
    await page.goto(`${baseUrl}/sign-in`);
    await submitSignIn(page, account.email, "not the password");
    const alert = page.getByRole("alert").filter({ hasText: /sign/i });
    await alert.waitFor();
    expect(await alert.textContent()).not.toContain("Reference");
    expect(await alert.textContent()).not.toMatch(/err_/);
  });

  it.each([
    ["/sign-in", "Sign in"],
    ["/sign-up", "Create account"],
    ["/forgot-password", "Send reset link"],
  ])("asks for the address when the email is left blank on %s", async (path, button) => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}${path}`);
    await page.getByRole("button", { name: button, exact: true }).click();
    await expect.poll(() => describedErrorOf("Email")).toContain("Enter your email address");
    expect(await describedErrorOf("Email")).not.toContain("Enter a valid email address");
  });

  it("tells an admin whose address is not confirmed to confirm it", async () => {
    const { page, baseUrl, server } = session;
    // admin@example.com is in the test server's ADMIN_EMAILS; the role follows once the address is confirmed.
    const admin = await registerAccount(server, { email: "admin@example.com" });
    await page.goto(`${baseUrl}/sign-in?next=/admin/resources`);
    await submitSignIn(page, admin.email, admin.password);
    await page.waitForURL(`${baseUrl}/admin/resources`);
    await page.getByRole("heading", { name: "Confirm your email address first", level: 1 }).waitFor();
    expect(await page.getByRole("main").textContent()).toContain(admin.email);
    expect(await page.getByRole("heading", { name: "Not allowed" }).count()).toBe(0);
  });

  it("says the address is already confirmed when the link is opened a second time", async () => {
    const { page, baseUrl, server } = session;
    const someone = await registerAccount(server);
    const token = await tokenFromLastEmail(server, someone.email);
    await page.goto(`${baseUrl}/verify-email?token=${encodeURIComponent(token)}`);
    await page.getByText("Your email address is confirmed.").waitFor();
    await page.goto(`${baseUrl}/verify-email?token=${encodeURIComponent(token)}`);
    await page.getByText("Your email address is already confirmed.").waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "cannot be used" }).count()).toBe(0);
  });
});
