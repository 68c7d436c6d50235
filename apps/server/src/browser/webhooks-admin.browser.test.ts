// The admin's Webhooks page in a real browser (issue 16): an endpoint is added and its secret shown once, a
// test event is sent by the server's own webhook worker to a real receiver in this test, which verifies its
// signature with the secret the page showed; the delivery log shows it delivered, and a resend arrives with the
// same webhook-id. axe-core finds nothing at desktop and phone widths. Run `pnpm build` first.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { users } from "@bookable/db";
import { chromiumPath } from "@bookable/testing/chromium";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, registerAccount, registerVerifiedAccount, tokenPair, verifyEmailOf } from "../../test/account-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";
import { horizontalOverflow, pageAccessibilityViolations } from "../../test/page-checks.js";
import type { TestServer } from "../../test/test-server.js";

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

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe.skipIf(!chromiumPath)("the Webhooks admin page in the browser", () => {
  const session = useBrowserSession({ environment: { AUTH_RATE_LIMIT_PER_MINUTE: "1000" } });
  // A receiver that answers 200 to everything and keeps what it got.
  const received: Received[] = [];
  let receiver: Server;
  let receiverUrl = "";
  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      request.on("end", () => {
        received.push({ headers: request.headers, body });
        response.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it("adds an endpoint, shows its secret once, sends a test event and resends it from the log", async () => {
    const { server, page, baseUrl } = session;
    const admin = await adminAccount(server);

    await page.goto(`${baseUrl}/sign-in?next=/admin/webhooks`);
    await submitSignIn(page, admin.email, admin.password);
    await page.waitForURL(`${baseUrl}/admin/webhooks`);
    await page.getByText("No webhook endpoints yet").waitFor();
    expect(await pageProblems(page, 1280)).toEqual([]);

    await page.getByRole("textbox", { name: "Endpoint URL" }).fill(receiverUrl);
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
    const row = page.getByRole("row", { name: new RegExp(receiverUrl.replaceAll(".", "\\.")) });
    await row.waitFor();
    expect(await row.textContent()).toContain("Enabled");
    expect(await row.textContent()).not.toContain("Waitlist seat offered");
    expect(await page.content()).not.toContain(secret.slice("whsec_".length));

    await page.getByRole("button", { name: `Manage ${receiverUrl}` }).click();
    await page.getByRole("button", { name: "Send test event" }).click();
    const log = page.getByRole("table", { name: "Delivery log, newest first" });
    const testRow = log.getByRole("row", { name: /Test event/ });
    await testRow.waitFor();
    // The worker sends it; the log refreshes itself until it shows the receiver's answer.
    await testRow.getByText(/HTTP 200 in \d+ ms/).waitFor({ timeout: 30_000 });
    expect(await testRow.textContent()).toContain("Delivered");
    expect(received).toHaveLength(1);
    const [first] = received;
    const verified = new Webhook(secret).verify(first?.body ?? "", first?.headers as Record<string, string>);
    expect(verified).toMatchObject({ type: "webhook.test" });
    expect(await pageProblems(page, 1280)).toEqual([]);
    expect(await pageProblems(page, 390)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });

    // A resend arrives again, under the same webhook-id, and is logged delivered once more.
    await testRow.getByRole("button", { name: /^Resend/ }).click();
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(2);
    expect(received[1]?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    await testRow.getByText("Delivered").waitFor({ timeout: 15_000 });
  }, 120_000);

  it("lets a member manage their own endpoints at /account/webhooks, without seeing an admin's", async () => {
    const { server, page, baseUrl } = session;
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
