// The Content-Security-Policy in a real browser: the web app's pages and the API reference work under it,
// and Chromium reports no violation. A policy that is too strict breaks the pages; one too loose is caught
// by production-hardening.api.test.ts.

import { chromiumPath } from "@bookable/testing/chromium";
import type { ConsoleMessage } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowserSession } from "../../test/browser-session.js";

if (!chromiumPath) console.warn("Browser tests skipped: Chromium is not installed (apt-get install -y chromium).");

describe.skipIf(!chromiumPath)("the Content-Security-Policy in the browser", () => {
  const session = useBrowserSession();

  it("lets the web app and the API reference run without a single CSP violation", async () => {
    const { page, baseUrl } = session;
    const violations: string[] = [];
    const recordViolation = (message: ConsoleMessage) => {
      if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text()))
        violations.push(message.text());
    };
    page.on("console", recordViolation);
    page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));

    for (const path of ["/", "/sign-in", "/sign-up", "/resources"]) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole("main").waitFor();
      await page.waitForLoadState("networkidle");
    }
    await page.goto(`${baseUrl}/sign-up`);
    await page.getByLabel("Username").fill("x");
    await page.getByRole("button", { name: "Create account" }).click();
    // The form's validation messages render (react-aria and React work under the policy).
    await page.locator('[aria-invalid="true"]').first().waitFor();

    await page.goto(`${baseUrl}/api/docs/`);
    // Scalar renders the operations from the OpenAPI document: its script ran and fetched the document.
    await expect
      .poll(async () => (await page.locator("body").textContent()) ?? "", { timeout: 30_000 })
      .toContain("Register an account");
    // Scalar keeps polling for changes, so the network never goes idle; a second more catches late violations.
    await page.waitForTimeout(1_000);

    expect(violations).toEqual([]);
  });
});
