// Every page of the web app at a phone's width (390 px) and a desktop's (1280 px), as a visitor, a member and
// an admin (issue 15): nothing is wider than the screen, axe-core reports no violation, the resource page is
// at most two screens tall on a phone, and no page logs a warning or an error to the console.
// Screenshots go to $BOOKABLE_SCREENSHOTS_DIR when it is set. Run `pnpm build` first.

import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromiumPath } from "@bookable/testing/chromium";
import type { ConsoleMessage, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { registerVerifiedAccount, type TestAccount, tokenPair } from "../../test/account-helpers.js";
import { monthSlotPicker, VIEWER_CONTEXT } from "../../test/browser-booking-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";
import { horizontalOverflow, pageAccessibilityViolations } from "../../test/page-checks.js";
import { bookAs } from "../../test/payment-helpers.js";
import { adminToken, createTestResource, firstFreeSlot } from "../../test/resource-helpers.js";

const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;
const screenshots = process.env.BOOKABLE_SCREENSHOTS_DIR;

interface PageVisit {
  /** A short name, for messages and screenshot files. */
  name: string;
  path: string;
}

describe.skipIf(!chromiumPath)("every page at phone and desktop widths", () => {
  const session = useBrowserSession({ context: VIEWER_CONTEXT, environment: { AUTH_RATE_LIMIT_PER_MINUTE: "1000" } });
  let freeResourceId: string;
  let member: TestAccount;
  let bookingId: string;
  let checkoutPath: string;

  beforeAll(async () => {
    const { server } = session;
    await adminToken(server);
    freeResourceId = (await createTestResource(server, { name: "Studio Kreuzberg with a rather long name" })).id;
    const pricedResourceId = (await createTestResource(server, { price: { amount: 2500, currency: "EUR" } })).id;
    member = await registerVerifiedAccount(server);
    const { accessToken } = await tokenPair(server, member);
    const free = await bookAs(server, accessToken, {
      resourceId: freeResourceId,
      start: (await firstFreeSlot(server, freeResourceId)).start,
    });
    expect(free.statusCode).toBe(201);
    bookingId = free.json().id;
    const priced = await bookAs(server, accessToken, {
      resourceId: pricedResourceId,
      start: (await firstFreeSlot(server, pricedResourceId)).start,
    });
    expect(priced.statusCode).toBe(201);
    checkoutPath = new URL(priced.json().checkoutUrl).pathname;
  });

  /** Visits each page at each width and returns every problem found, as lines naming page and width. */
  async function checkPages(page: Page, visits: PageVisit[]): Promise<string[]> {
    const problems: string[] = [];
    let current = "";
    const onConsole = (message: ConsoleMessage) => {
      // Chromium logs every 4xx answer as an error; an expected one (a made-up token) is the page's business.
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
      if (message.type() === "warning" || message.type() === "error")
        problems.push(`${current}: console ${message.type()}: ${message.text()}`);
    };
    page.on("console", onConsole);
    page.on("pageerror", (error) => problems.push(`${current}: page error: ${error.message}`));
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const visit of visits) {
        current = `${visit.name} at ${size.width}`;
        await page.goto(`${session.baseUrl}${visit.path}`);
        await settled(page);
        const { overflow, culprits } = await horizontalOverflow(page);
        if (overflow > 0) problems.push(`${current}: ${overflow}px wider than the screen: ${culprits.join(", ")}`);
        for (const violation of await pageAccessibilityViolations(page)) problems.push(`${current}: axe ${violation}`);
        if (screenshots) {
          mkdirSync(screenshots, { recursive: true });
          await page.screenshot({ path: path.join(screenshots, `${visit.name}-${size.width}.png`), fullPage: true });
        }
      }
    }
    page.off("console", onConsole);
    return problems;
  }

  it("as a visitor", async () => {
    const problems = await checkPages(session.page, [
      { name: "home", path: "/" },
      { name: "sign-in", path: "/sign-in" },
      { name: "sign-up", path: "/sign-up" },
      { name: "forgot-password", path: "/forgot-password" },
      { name: "reset-password", path: "/reset-password?token=not-a-real-token" },
      { name: "verify-email", path: "/verify-email?token=not-a-real-token" },
      { name: "resources", path: "/resources" },
      { name: "resource", path: `/resources/${freeResourceId}` },
      { name: "not-found", path: "/no-such-page" },
      { name: "dev-mailbox", path: "/dev/mailbox" },
    ]);
    expect(problems).toEqual([]);
  }, 240_000);

  it("as a member", async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/sign-in`);
    await submitSignIn(page, member.email, member.password);
    await page.waitForURL((url) => url.pathname !== "/sign-in");
    const problems = await checkPages(page, [
      { name: "account", path: "/account" },
      { name: "bookings", path: "/bookings" },
      { name: "booking", path: `/bookings/${bookingId}` },
      { name: "checkout", path: checkoutPath },
      { name: "member-resource", path: `/resources/${freeResourceId}` },
      { name: "admin-as-member", path: "/admin/resources" },
      { name: "webhooks", path: "/account/webhooks" },
    ]);
    expect(problems).toEqual([]);
  }, 240_000);

  it("as an admin", async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/sign-in`);
    await submitSignIn(page, "admin@example.com", "long enough 1");
    await page.waitForURL((url) => url.pathname !== "/sign-in");
    const problems = await checkPages(page, [
      { name: "admin-resources", path: "/admin/resources" },
      { name: "admin-new-resource", path: "/admin/resources/new" },
      { name: "admin-edit-resource", path: `/admin/resources/${freeResourceId}/edit` },
      { name: "admin-bookings", path: "/admin/bookings" },
      { name: "admin-notifications", path: "/admin/notifications" },
      { name: "admin-webhooks", path: "/admin/webhooks" },
      { name: "admin-booking", path: `/bookings/${bookingId}` },
    ]);
    expect(problems).toEqual([]);
  }, 240_000);

  it("keeps the resource page within two screens on a phone, with a slot and the booking form open", async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/sign-in`);
    await submitSignIn(page, member.email, member.password);
    await page.waitForURL((url) => url.pathname !== "/sign-in");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/resources/${freeResourceId}`);
    await monthSlotPicker(page).pickerLoaded();
    const height = () => page.evaluate(() => document.documentElement.scrollHeight);
    expect(await height()).toBeLessThanOrEqual(2 * 844);
    await page.getByRole("main").locator("li button").first().click();
    await page.getByRole("button", { name: "Book this slot" }).waitFor();
    const { overflow, culprits } = await horizontalOverflow(page);
    expect(overflow, culprits.join(", ")).toBe(0);
    expect(await pageAccessibilityViolations(page)).toEqual([]);
    if (screenshots) await page.screenshot({ path: path.join(screenshots, "resource-with-form-390.png"), fullPage: true });

    // Booked: the booking page, right after the button's pending state ended (react-aria announces that).
    await page.getByRole("button", { name: "Book this slot" }).click();
    await page.waitForURL(/\/bookings\/[^/]+$/);
    await settled(page);
    expect(await pageAccessibilityViolations(page)).toEqual([]);
  });
});

/** Waits until the page has drawn its data: no spinner, nothing aria-busy, the network quiet. */
async function settled(page: Page): Promise<void> {
  await page.getByRole("main").waitFor();
  // Some pages poll (the dev mailbox, the delivery log): quiet for a moment is enough.
  await page.waitForLoadState("networkidle", { timeout: 3_000 }).catch(() => undefined);
  await page
    .waitForFunction(() => !document.querySelector('main [aria-busy="true"], main .animate-spin'), undefined, { timeout: 10_000 })
    .catch(() => undefined);
}
