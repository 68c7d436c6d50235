// The admin's Webhooks page in a real browser (issue 16): an endpoint is added and its secret shown once,
// a test event is queued and shows in the endpoint's delivery log, and a finished delivery is resent; axe-core
// finds nothing at desktop and phone widths. No webhook worker runs here (the delivery side's tests send), so
// the test plays the worker's part by writing the delivery's outcome. Run `pnpm build` first.
import { users, webhookDeliveries } from "@bookable/db";
import { chromiumPath } from "@bookable/testing/chromium";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { bearer, registerAccount, registerVerifiedAccount, tokenPair, verifyEmailOf } from "../../test/account-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";
import { horizontalOverflow, pageAccessibilityViolations } from "../../test/page-checks.js";
import type { TestServer } from "../../test/test-server.js";
import { ensureWebhookQueue } from "../../test/webhook-queue.js";

if (!chromiumPath) console.warn("Browser tests skipped: Chromium is not installed (apt-get install -y chromium).");

async function pageProblems(page: Page, width: number): Promise<string[]> {
  await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
  const { overflow, culprits } = await horizontalOverflow(page);
  const problems = (await pageAccessibilityViolations(page)).map((violation) => `${width}px: axe ${violation}`);
  if (overflow > 0) problems.push(`${width}px: ${overflow}px wider than the screen: ${culprits.join(", ")}`);
  return problems;
}

/** The ADMIN_EMAILS account, registered and confirmed by whichever test needs it first. */
async function adminAccount(server: TestServer): Promise<{ email: string; password: string }> {
  const account = { email: "admin@example.com", password: "long enough 1" };
  const [existing] = await server.database.db.select().from(users).where(eq(users.email, account.email));
  if (!existing) await verifyEmailOf(server, await registerAccount(server, account));
  return account;
}

describe.skipIf(!chromiumPath)("the Webhooks admin page in the browser", () => {
  const session = useBrowserSession({ environment: { AUTH_RATE_LIMIT_PER_MINUTE: "1000" } });

  it("adds an endpoint, shows its secret once, sends a test event and resends it from the log", async () => {
    const { server, page, baseUrl } = session;
    await ensureWebhookQueue(server);
    const admin = await adminAccount(server);

    await page.goto(`${baseUrl}/sign-in?next=/admin/webhooks`);
    await submitSignIn(page, admin.email, admin.password);
    await page.waitForURL(`${baseUrl}/admin/webhooks`);
    await page.getByText("No webhook endpoints yet").waitFor();
    expect(await pageProblems(page, 1280)).toEqual([]);

    await page.getByRole("textbox", { name: "Endpoint URL" }).fill("http://127.0.0.1:4451/hooks");
    await page.getByRole("checkbox", { name: /Waitlist seat offered/ }).uncheck({ force: true });
    await page.getByRole("textbox", { name: "Description" }).fill("CRM sync");
    await page.getByRole("button", { name: "Add endpoint" }).click();

    const secretField = page.getByRole("textbox", { name: "Signing secret" });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByText("You won't see it again").waitFor();
    expect(await pageProblems(page, 1280)).toEqual([]);
    await page.getByRole("button", { name: "I've saved it" }).click();
    await secretField.waitFor({ state: "detached" });

    // A reload shows the endpoint, never its secret.
    await page.reload();
    const row = page.getByRole("row", { name: /127\.0\.0\.1:4451/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Enabled");
    expect(await row.textContent()).not.toContain("Waitlist seat offered");
    expect(await page.content()).not.toContain(secret.slice("whsec_".length));

    await page.getByRole("button", { name: "Manage http://127.0.0.1:4451/hooks" }).click();
    await page.getByRole("button", { name: "Send test event" }).click();
    const log = page.getByRole("table", { name: "Delivery log, newest first" });
    const testRow = log.getByRole("row", { name: /Test event/ });
    await testRow.waitFor();
    expect(await testRow.textContent()).toContain("Pending");
    expect(await pageProblems(page, 1280)).toEqual([]);
    expect(await pageProblems(page, 390)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    // As the worker leaves it once the receiver answered:
    await server.database.db
      .update(webhookDeliveries)
      .set({
        status: "delivered",
        attempts: 1,
        lastAttemptAt: new Date(),
        deliveredAt: new Date(),
        lastResponseStatus: 200,
        lastResponseMs: 42,
      })
      .where(eq(webhookDeliveries.eventType, "webhook.test"));
    await testRow.getByText("HTTP 200 in 42 ms").waitFor({ timeout: 15_000 });
    expect(await testRow.textContent()).toContain("Delivered");

    await testRow.getByRole("button", { name: /^Resend/ }).click();
    await testRow.getByText("Pending").waitFor();
    const [delivery] = await server.database.db.select().from(webhookDeliveries);
    expect(delivery).toMatchObject({ status: "pending", attempts: 0 });
  }, 120_000);

  it("lets a member manage their own endpoints at /account/webhooks, without seeing an admin's", async () => {
    const { server, page, baseUrl } = session;
    await ensureWebhookQueue(server);
    const admin = await tokenPair(server, await adminAccount(server));
    const adminEndpoint = await server.postJson(
      "/api/v1/webhook-endpoints",
      { url: "https://admin.example.com/hooks", eventTypes: ["booking.created"] },
      bearer(admin.accessToken),
    );
    expect(adminEndpoint.statusCode, adminEndpoint.body).toBe(201);
    const member = await registerVerifiedAccount(server);

    await page.goto(`${baseUrl}/sign-in?next=/account`);
    await submitSignIn(page, member.email, member.password);
    await page.waitForURL(`${baseUrl}/account`);
    await page.getByRole("link", { name: "Manage webhooks" }).click();
    await page.waitForURL(`${baseUrl}/account/webhooks`);
    await page.getByText("No webhook endpoints yet").waitFor();
    expect(await page.content()).not.toContain("admin.example.com");

    await page.getByRole("textbox", { name: "Endpoint URL" }).fill("http://127.0.0.1:4452/mine");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    expect(await page.getByRole("textbox", { name: "Signing secret" }).inputValue()).toMatch(/^whsec_/);
    await page.getByRole("row", { name: /127\.0\.0\.1:4452/ }).waitFor();
    expect(await pageProblems(page, 1280)).toEqual([]);
  }, 120_000);
});
