// Issue 16: the account page gives a person their private calendar feed link (webcal:// and https), and
// regenerating it replaces the link, the old one answering 404; the admin resource page gives an admin the
// resource's feed. Real Chromium against the built web app; axe-core at 1280 and 390 px.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { users } from "@bookable/db";
import { chromiumPath } from "@bookable/testing/chromium";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInAsFreshMember } from "../../test/browser-booking-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";
import { horizontalOverflow, pageAccessibilityViolations } from "../../test/page-checks.js";
import { createTestResource } from "../../test/resource-helpers.js";

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../.test-results/screenshots");

describe.skipIf(!chromiumPath)("calendar feeds in the browser", () => {
  const session = useBrowserSession();

  const feedCard = (page: Page) => page.locator("div", { has: page.getByRole("heading", { name: "Calendar feed" }) }).last();
  /** What a calendar app gets from the address (the path is enough: the server is the test's own). */
  const fetchFeed = (url: string) => session.server.app.inject({ url: new URL(url).pathname });

  /** axe finds nothing in the page's main content and nothing is wider than the screen; a screenshot is kept. */
  async function expectCleanAt(page: Page, width: number, name: string) {
    await page.setViewportSize({ width, height: 900 });
    expect(await pageAccessibilityViolations(page, { include: "main" })).toEqual([]);
    expect((await horizontalOverflow(page)).culprits).toEqual([]);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, `${name}-${width}.png`), fullPage: true });
  }

  it("shows my feed link on the account page, and regenerating it retires the old one", async () => {
    const { page } = session;
    await signInAsFreshMember(session, { username: "feed_reader", next: "/account" });
    const card = feedCard(page);
    await card.getByRole("button", { name: "Create feed link" }).click();

    const address = card.getByRole("textbox", { name: "Feed address" });
    await address.waitFor();
    const first = await address.inputValue();
    expect(first).toMatch(/\/api\/v1\/feeds\/bkf_[A-Za-z0-9_-]{22}\.ics$/);
    expect(await card.getByRole("link", { name: "Subscribe in your calendar app" }).getAttribute("href")).toBe(
      first.replace(/^https?:/, "webcal:"),
    );
    const response = await fetchFeed(first);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    await expectCleanAt(page, 1280, "account-calendar-feed");
    await expectCleanAt(page, 390, "account-calendar-feed");

    // The link is shown again after a reload: it is derived, not kept only in this page.
    await page.reload();
    await address.waitFor();
    expect(await address.inputValue()).toBe(first);

    await card.getByRole("button", { name: "Regenerate link" }).click();
    await expectCleanAt(page, 1280, "account-calendar-feed-regenerate");
    await card.getByRole("button", { name: "Replace link" }).click();
    await expect.poll(() => address.inputValue()).not.toBe(first);
    const second = await address.inputValue();
    expect((await fetchFeed(first)).statusCode).toBe(404);
    expect((await fetchFeed(second)).statusCode).toBe(200);

    await card.getByRole("button", { name: "Turn off feed" }).click();
    await card.getByRole("button", { name: "Turn off", exact: true }).click();
    await card.getByRole("button", { name: "Create feed link" }).waitFor();
    expect((await fetchFeed(second)).statusCode).toBe(404);
  });

  it("gives an admin the resource's feed on its edit page", async () => {
    const { server, page, baseUrl } = session;
    const resource = await createTestResource(server);
    const admin = await signInAsFreshMember(session, { username: "feed_admin", next: "/account" });
    await server.database.db.update(users).set({ role: "admin" }).where(eq(users.id, admin.id));
    // Signed in again so the page knows the new role.
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/sign-in?next=/admin/resources/${resource.id}/edit`);
    await submitSignIn(page, admin.email, admin.password);
    await page.waitForURL(`${baseUrl}/admin/resources/${resource.id}/edit`);

    const card = feedCard(page);
    await card.getByRole("button", { name: "Create feed links" }).click();
    const address = card.getByRole("textbox", { name: "Resource feed address" });
    await address.waitFor();
    const url = await address.inputValue();
    expect(url).toMatch(new RegExp(`/api/v1/feeds/bkf_[A-Za-z0-9_-]{22}/resources/${resource.id}\\.ics$`));
    expect((await fetchFeed(url)).statusCode).toBe(200);
    await expectCleanAt(page, 1280, "resource-calendar-feed");
    await expectCleanAt(page, 390, "resource-calendar-feed");
  });
});
