// The dev mailbox shows each email's HTML version, as a mail client would, in a sandboxed iframe, beside its
// plain text (issue 15). Real Chromium against the built web app; axe-core checks the page (the frame has a
// title); a screenshot at 1280 px goes to .test-results/screenshots/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumPath } from "@bookable/testing/chromium";
import { describe, expect, it } from "vitest";
import { registerAccount, settleNotifications } from "../../test/account-helpers.js";
import { useBrowserSession } from "../../test/browser-session.js";
import { pageAccessibilityViolations } from "../../test/page-checks.js";

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../.test-results/screenshots");

/**
 * axe-core's violations in the page's main region. Frames are not entered: a `sandbox=""` frame runs no
 * script, so axe could not run inside it and would wait for it; the frame element itself (its title) is checked.
 */

describe.skipIf(!chromiumPath)("the dev mailbox", () => {
  const session = useBrowserSession();

  it("shows an email's HTML in a sandboxed frame and its text, with no accessibility violation", async () => {
    const { server, baseUrl, page } = session;
    const account = await registerAccount(server, { email: "mailbox-html@example.com" });
    await settleNotifications(server);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}/dev/mailbox`);
    const email = page
      .getByRole("main")
      .getByRole("article")
      .filter({ hasText: "Confirm your email address for Bookable" })
      .filter({ hasText: account.email });
    await email.waitFor({ timeout: 20_000 });

    const frame = email.locator("iframe");
    expect(await frame.getAttribute("title")).toBe("HTML version of “Confirm your email address for Bookable”");
    // Empty: every restriction applies (no script, no form, no navigation, an opaque origin of its own).
    expect(await frame.getAttribute("sandbox")).toBe("");
    expect(await frame.getAttribute("srcdoc")).toContain("<html");
    // The HTML is rendered: the email's heading and its button are in the frame.
    const inside = frame.contentFrame();
    await inside.getByRole("heading", { name: "Confirm your email address" }).waitFor();
    expect(await inside.getByRole("link", { name: "Confirm email address" }).count()).toBe(1);
    // The plain text is shown too, with its link to follow.
    await email.getByRole("heading", { name: "Plain text" }).waitFor();
    expect(await email.getByRole("link").getAttribute("href")).toMatch(new RegExp(`^${baseUrl}/verify-email\\?token=`));

    expect(await pageAccessibilityViolations(page, { include: "main", iframes: false })).toEqual([]);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, "dev-mailbox-html-1280.png"), fullPage: true });
  });
});
