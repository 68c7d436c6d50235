// The resource page's month calendar in a real browser (issue 12): it opens on the next date with a free
// slot even months ahead, "Next available" moves on, empty months and past dates say so, the grid works
// from the keyboard, and on a phone the calendar sits above the times. Run `pnpm build` first.

import { chromiumPath } from "@bookable/testing/chromium";
import { beforeAll, describe, expect, it } from "vitest";
import { bearer } from "../../test/account-helpers.js";
import { monthSlotPicker, type Slot, VIEWER_CONTEXT } from "../../test/browser-booking-helpers.js";
import { useBrowserSession } from "../../test/browser-session.js";
import { adminToken, createTestResource } from "../../test/resource-helpers.js";

const DAY = 24 * 3600 * 1000;
/** The date ("YYYY-MM-DD") in Berlin, the resource's zone, `days` from now. */
const berlinDate = (days: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + days * DAY),
  );

describe.skipIf(!chromiumPath)("the month calendar in the browser", () => {
  const session = useBrowserSession({ context: VIEWER_CONTEXT });
  // A resource with no weekly hours, open only on two dates that overrides open: 12:00–14:00 in Berlin is
  // early morning of the same date in New York, the viewer's zone. The first is always in a later month.
  const firstOpen = berlinDate(40);
  const secondOpen = berlinDate(52);
  let resourceId: string;
  const slotsOn = async (date: string): Promise<Slot[]> => {
    const from = new Date(`${date}T00:00:00Z`).toISOString();
    const to = new Date(Date.parse(from) + DAY).toISOString();
    const response = await session.server.app.inject(`/api/v1/resources/${resourceId}/availability?from=${from}&to=${to}`);
    return response.json().slots;
  };

  beforeAll(async () => {
    const { server } = session;
    resourceId = (await createTestResource(server, { weeklyHours: [], horizonDays: 120 })).id;
    const admin = bearer(await adminToken(server));
    for (const date of [firstOpen, secondOpen]) {
      const opened = await server.app.inject({
        method: "PUT",
        url: `/api/v1/resources/${resourceId}/overrides/${date}`,
        headers: { ...admin, "content-type": "application/json" },
        payload: JSON.stringify({ closed: false, hours: [{ start: "12:00", end: "14:00" }] }),
      });
      expect(opened.statusCode).toBe(200);
    }
  });

  const grid = () => session.page.getByRole("main").getByRole("grid");
  const chosenDate = () => grid().locator('[aria-selected="true"] time').getAttribute("datetime");

  it("opens on the next free date months ahead, moves on with Next available, and says when nothing is left", async () => {
    const { page, baseUrl } = session;
    const { slotButton, dateButton, pickerLoaded } = monthSlotPicker(page);
    await page.goto(`${baseUrl}/resources/${resourceId}`);
    await pickerLoaded();
    expect(await chosenDate()).toBe(firstOpen);
    const [first, second] = await slotsOn(firstOpen);
    if (!first || !second) throw new Error("The opened date offers fewer than two slots");
    await slotButton(first).waitFor();
    expect(await slotButton(second).count()).toBe(1);
    // A date with nothing free is shown unavailable: it cannot be chosen.
    expect(await dateButton(berlinDate(41)).getAttribute("aria-disabled")).toBe("true");
    expect(await dateButton(firstOpen).getAttribute("aria-disabled")).toBeNull();

    const main = page.getByRole("main");
    await main.getByRole("button", { name: /^Next available/ }).click();
    await expect.poll(chosenDate).toBe(secondOpen);
    const [later] = await slotsOn(secondOpen);
    if (!later) throw new Error("The second opened date offers no slot");
    await slotButton(later).waitFor();

    await main.getByRole("button", { name: /^Next available/ }).click();
    await expect
      .poll(() => main.getByRole("status").allTextContents())
      .toContainEqual(expect.stringContaining("Nothing free until"));
    expect(await chosenDate()).toBe(secondOpen);
  });

  it("says when a month has nothing free, disables past dates and months, and is driven from the keyboard", async () => {
    const { page, baseUrl } = session;
    const { slotButton, pickerLoaded } = monthSlotPicker(page);
    await page.goto(`${baseUrl}/resources/${resourceId}`);
    await pickerLoaded();
    const main = page.getByRole("main");
    const previousMonth = main.getByRole("button", { name: "Previous month" });
    // Back to this month: the button stops there, as nothing before today can be booked.
    while (await previousMonth.isEnabled()) {
      await previousMonth.click();
      await pickerLoaded();
    }
    expect(await main.getByRole("status").allTextContents()).toContainEqual(expect.stringContaining("No free times this month."));
    const todayInNewYork = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());
    const cells = await grid()
      .locator("time")
      .evaluateAll((times) =>
        times.map((time) => ({
          date: time.getAttribute("datetime") ?? "",
          disabled: time.closest('[role="button"]')?.getAttribute("aria-disabled") === "true",
        })),
      );
    for (const cell of cells) {
      // Every date is disabled (past) or unavailable (nothing free): none can be chosen this month.
      expect(cell.disabled, cell.date).toBe(true);
    }
    expect(cells.some((cell) => cell.date < todayInNewYork)).toBe(todayInNewYork.slice(8) !== "01");

    // The keyboard: the grid's arrow keys walk dates across months; Enter chooses one with free times.
    await page.goto(`${baseUrl}/resources/${resourceId}`);
    await pickerLoaded();
    await grid().locator('[aria-selected="true"] [role="button"]').focus();
    for (let step = 0; step < 12; step++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await expect.poll(chosenDate).toBe(secondOpen);
    const [later] = await slotsOn(secondOpen);
    if (!later) throw new Error("The second opened date offers no slot");
    await slotButton(later).waitFor();
  });

  it("puts the calendar above the times on a phone", async () => {
    const { page, baseUrl } = session;
    const { slotButton, pickerLoaded } = monthSlotPicker(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/resources/${resourceId}`);
    await pickerLoaded();
    const [first] = await slotsOn(firstOpen);
    if (!first) throw new Error("The opened date offers no slot");
    const calendarBox = await grid().boundingBox();
    const timeBox = await slotButton(first).boundingBox();
    if (!calendarBox || !timeBox) throw new Error("The calendar or the time is not shown");
    expect(timeBox.y).toBeGreaterThan(calendarBox.y + calendarBox.height);
    // Nothing is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
