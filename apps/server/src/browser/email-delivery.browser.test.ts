// The account page tells a person whose address bounced or complained that booking emails are on hold, and
// lets them turn emails back on (issue 13). Real Chromium against the built web app; axe-core checks the
// card's accessibility; screenshots at 1280 and 390 px go to .test-results/screenshots/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { markUndeliverableAddress } from "@bookable/core";
import { undeliverableAddresses } from "@bookable/db";
import { chromiumPath } from "@bookable/testing/chromium";
import { describe, expect, it } from "vitest";
import { registerVerifiedAccount } from "../../test/account-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";
import { pageAccessibilityViolations } from "../../test/page-checks.js";

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../.test-results/screenshots");

describe.skipIf(!chromiumPath)("email delivery on the account page", () => {
  const session = useBrowserSession();

  it("says booking emails are on hold after a bounce, and turns them back on", async () => {
    const { server, baseUrl, page } = session;
    mkdirSync(screenshots, { recursive: true });
    const account = await registerVerifiedAccount(server);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}/sign-in?next=/account`);
    await submitSignIn(page, account.email, account.password);
    await page.waitForURL(`${baseUrl}/account`);
    const card = page.locator("div", { has: page.getByRole("heading", { name: "Email delivery" }) }).last();
    await card.getByText(`Booking confirmations and reminders go to ${account.email}`).waitFor();

    await markUndeliverableAddress(server.database.db, account.email, "hard bounce", null);
    await page.reload();
    const alert = page.getByRole("alert").filter({ hasText: "We've stopped emailing you about bookings" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("your mail server refused one of our emails as undeliverable");
    expect(await pageAccessibilityViolations(page, { include: "main" })).toEqual([]);
    await page.screenshot({ path: path.join(screenshots, "account-email-undeliverable-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(screenshots, "account-email-undeliverable-390.png"), fullPage: true });
    expect(await pageAccessibilityViolations(page, { include: "main" })).toEqual([]);

    await page.getByRole("button", { name: "I've fixed it — email me again" }).click();
    await page.getByRole("status").filter({ hasText: "Emails are on again" }).waitFor();
    expect(await alert.count()).toBe(0);
    expect(await server.database.db.select().from(undeliverableAddresses)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(screenshots, "account-email-cleared-1280.png"), fullPage: true });
  });

  it("shows a loading state, then a retryable error when the check fails", async () => {
    const { server, baseUrl, page } = session;
    const account = await registerVerifiedAccount(server);
    await page.goto(`${baseUrl}/sign-in?next=/account`);
    await submitSignIn(page, account.email, account.password);
    await page.waitForURL(`${baseUrl}/account`);
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/trpc\/[^?]*emailDelivery\.get/, async (route) => {
      await released;
      await route.fulfill({ status: 500, contentType: "application/json", body: "{}" });
    });
    await page.reload();
    await page.getByText("Checking your email delivery…").waitFor();
    release();
    // The web app batches queries, so the cards loaded with it fail too; this card offers its own retry.
    const failed = page.getByRole("alert").filter({ hasText: "We couldn't check your email delivery" });
    await failed.waitFor();
    await page.unroute(/\/trpc\/[^?]*emailDelivery\.get/);
    await failed.getByRole("button", { name: "Try again" }).click();
    await page.getByText(`Booking confirmations and reminders go to ${account.email}`).waitFor();
  });
});
