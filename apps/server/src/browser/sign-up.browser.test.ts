// Sign-up in a real browser (Debian's Chromium through playwright-core) against the real server and
// the built web app. Run `pnpm build` first (the test command does).

import { chromiumPath } from "@bookable/testing/chromium";
import { describe, expect, it } from "vitest";
import { useBrowserSession } from "../../test/browser-session.js";

if (!chromiumPath) console.warn("Browser tests skipped: Chromium is not installed (apt-get install -y chromium).");

describe.skipIf(!chromiumPath)("sign-up in the browser", () => {
  const session = useBrowserSession();

  const fillForm = async (values: { username: string; email: string; password: string }) => {
    const { baseUrl, page } = session;
    await page.goto(`${baseUrl}/sign-up`);
    await page.getByLabel("Username").fill(values.username);
    await page.getByLabel("Email").fill(values.email);
    await page.getByLabel("Password").fill(values.password);
  };

  /** The error message the input is described by (react-aria links it with aria-describedby). */
  const describedErrorOf = (label: string) =>
    session.page.getByLabel(label).evaluate((input) =>
      (input.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id: string) => input.ownerDocument.getElementById(id)?.textContent ?? "")
        .join(" | "),
    );

  it("creates an account and confirms it", async () => {
    const { server, page } = session;
    await fillForm({ username: "marie_curie", email: "Marie@Example.com", password: "radium1898" });
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Welcome, marie_curie");
    expect(await page.getByRole("status").textContent()).toContain("marie@example.com");
    const stored = await server.postJson("/api/v1/users", {
      username: "marie_curie",
      email: "m2@example.com",
      password: "radium1898",
    });
    expect(stored.statusCode).toBe(409);
  });

  it("shows a bad email's message beside the field before anything is sent", async () => {
    const { page } = session;
    let requestsToServer = 0;
    page.on("request", (request) => {
      if (request.url().includes("/trpc/users.register")) requestsToServer += 1;
    });
    await fillForm({ username: "valid_name", email: "not-an-email", password: "long enough" });
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => describedErrorOf("Email")).toContain("Enter a valid email address");
    expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    expect(requestsToServer).toBe(0);
  });

  it("shows the server's message beside the username when it is taken", async () => {
    const { server, page } = session;
    const taken = await server.postJson("/api/v1/users", {
      username: "taken_name",
      email: "first@example.com",
      password: "long enough",
    });
    expect(taken.statusCode).toBe(201);
    await fillForm({ username: "taken_name", email: "second@example.com", password: "long enough" });
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => describedErrorOf("Username")).toContain("That username is taken");
    expect(await page.getByLabel("Username").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("status").count()).toBe(0);
  });
});
