// The API reference at /api/docs in a real browser (issue 15): Scalar's hosted-service buttons (Deploy,
// Generate SDK, Ask AI, Share) are gone, the page goes quiet once loaded instead of calling out for ever,
// and it carries the app's icon, as does every other page (/favicon.ico too). Run `pnpm build` first.

import { chromiumPath } from "@bookable/testing/chromium";
import { describe, expect, it } from "vitest";
import { useBrowserSession } from "../../test/browser-session.js";

describe.skipIf(!chromiumPath)("the API reference in the browser", () => {
  const session = useBrowserSession();

  it("has no hosted-service buttons, goes quiet once loaded, and shows the app's icon", async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/api/docs/`);
    await expect
      .poll(async () => (await page.locator("body").textContent()) ?? "", { timeout: 30_000 })
      .toContain("Register an account");
    // Scalar's lazy chunks and the document arrive within moments; an endless poll never lets the page settle.
    await page.waitForTimeout(3_000);

    for (const name of [/deploy/i, /generate sdk/i, /ask ai/i, /^share/i]) {
      expect(await page.getByRole("button", { name }).count(), String(name)).toBe(0);
      expect(await page.getByRole("link", { name }).count(), String(name)).toBe(0);
    }

    // Ten seconds of a page left open: nothing more is fetched.
    const later: string[] = [];
    page.on("request", (request) => later.push(request.url()));
    await page.waitForTimeout(10_000);
    expect(later).toEqual([]);

    const icon = await page.locator('link[rel~="icon"]').first().getAttribute("href");
    expect(icon).toBeTruthy();
    expect((await page.request.get(new URL(icon ?? "", page.url()).href)).status()).toBe(200);
    const favicon = await page.request.get(`${baseUrl}/favicon.ico`);
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()["content-type"]).toMatch(/^image\//);
  });
});
