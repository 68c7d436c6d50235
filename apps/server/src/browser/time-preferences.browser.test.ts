// The time-zone picker and the 12/24-hour clock on the resource page (issue 15): switching either changes
// the slot labels at once, the choice survives a reload, and a booking sends the chosen zone as the
// attendee's. Run `pnpm build` first.

import { chromiumPath } from "@bookable/testing/chromium";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { monthSlotPicker, plainSpaces, signInAsFreshMember, VIEWER_CONTEXT } from "../../test/browser-booking-helpers.js";
import { useBrowserSession } from "../../test/browser-session.js";
import { createTestResource } from "../../test/resource-helpers.js";

/** Every slot's time as shown, with the instant it stands for. */
const slotLabels = (page: Page) =>
  page
    .getByRole("main")
    .locator("li button time[datetime]")
    .evaluateAll((times) => times.map((time) => ({ start: time.getAttribute("datetime") ?? "", text: time.textContent ?? "" })));

const expectedLabel = (start: string, timeZone: string, hourCycle: "h12" | "h23") =>
  plainSpaces(new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone, hourCycle }).format(new Date(start)));

async function expectLabels(page: Page, timeZone: string, hourCycle: "h12" | "h23") {
  await monthSlotPicker(page).pickerLoaded();
  await expect.poll(async () => (await slotLabels(page)).length).toBeGreaterThan(0);
  const labels = await slotLabels(page);
  for (const label of labels) expect(plainSpaces(label.text), label.start).toBe(expectedLabel(label.start, timeZone, hourCycle));
}

describe.skipIf(!chromiumPath)("the time zone and 12/24-hour clock in the browser", () => {
  const session = useBrowserSession({ context: VIEWER_CONTEXT, environment: { AUTH_RATE_LIMIT_PER_MINUTE: "1000" } });
  let resourceId: string;

  beforeAll(async () => {
    resourceId = (await createTestResource(session.server, { minNoticeMinutes: 0 })).id;
  });

  it("starts on the browser's zone and locale's clock, switches both, and remembers them after a reload", async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/resources/${resourceId}`);
    const main = page.getByRole("main");
    const zoneBox = main.getByRole("combobox", { name: "Time zone" });
    await expectLabels(page, "America/New_York", "h12");
    expect(await zoneBox.inputValue()).toMatch(/^America\/New York/);
    expect(await main.getByRole("radio", { name: "12h" }).getAttribute("aria-checked")).toBe("true");

    await main.getByRole("radio", { name: "24h" }).click();
    await expectLabels(page, "America/New_York", "h23");

    await zoneBox.fill("tokyo");
    await page.getByRole("option", { name: /^Asia\/Tokyo/ }).click();
    await expect.poll(() => zoneBox.inputValue()).toMatch(/^Asia\/Tokyo/);
    await expectLabels(page, "Asia/Tokyo", "h23");

    await page.reload();
    await expectLabels(page, "Asia/Tokyo", "h23");
    expect(await zoneBox.inputValue()).toMatch(/^Asia\/Tokyo/);
    expect(await main.getByRole("radio", { name: "24h" }).getAttribute("aria-checked")).toBe("true");
  });

  it("books with the chosen zone and clock as the attendee's and shows the booking on the chosen clock", async () => {
    const { page, baseUrl, server } = session;
    await signInAsFreshMember({ server, page, baseUrl }, { username: "tokyo-member", next: `/resources/${resourceId}` });
    const main = page.getByRole("main");
    await main.getByRole("radio", { name: "12h" }).click();
    await main.getByRole("combobox", { name: "Time zone" }).fill("Tokyo");
    await page.getByRole("option", { name: /^Asia\/Tokyo/ }).click();
    await expectLabels(page, "Asia/Tokyo", "h12");

    const [first] = await slotLabels(page);
    if (!first) throw new Error("No slot is shown");
    await main.locator(`li button:has(time[datetime="${first.start}"])`).click();
    const sent = page.waitForRequest((request) => request.url().includes("bookings.create"));
    await main.getByRole("button", { name: "Book this slot" }).click();
    const body = (await sent).postData() ?? "";
    expect(body).toContain('"timeZone":"Asia/Tokyo"');
    // Messages about the booking follow the same clock as the page (issue 15).
    expect(body).toContain('"attendeeHourCycle":"h12"');

    await page.waitForURL(/\/bookings\/[^/]+$/);
    const when = plainSpaces(await main.locator(`time[datetime="${first.start}"]`).first().textContent());
    // A range names its half of the day once, at the end ("4:00 – 5:00 PM").
    expect(when).toContain(expectedLabel(first.start, "Asia/Tokyo", "h12").replace(/\s?[AP]M$/u, ""));
    expect(when).toMatch(/\b[AP]M\b/u);
  });
});
