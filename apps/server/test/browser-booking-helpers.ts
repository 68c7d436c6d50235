// Helpers for browser tests that book through the web app's month calendar: the free slots the server
// offers, the calendar's dates and the chosen date's slot buttons, and signing a fresh member in. They take
// the page or server they act on, so a test passes in its own (see useBrowserSession in ./browser-session.ts).
import type { BrowserContextOptions, Page } from "playwright-core";
import { expect } from "vitest";
import { registerAccount, registerVerifiedAccount, type TestAccount } from "./account-helpers.js";
import { submitSignIn } from "./browser-session.js";
import type { TestServer } from "./test-server.js";

/** A free slot as the availability endpoint lists it. */
export interface Slot {
  start: string;
  end: string;
  seatsLeft: number;
}

// The browser lives on another continent than the resource, so every time on screen must be converted:
// a page that showed the server's UTC or the resource's own clock would show other hours than expected.
export const VIEWER_ZONE = "America/New_York";
/** The resources' zone (also createTestResource's default). */
export const RESOURCE_ZONE = "Europe/Berlin";
/** A browser context whose clock reads New York time, with US English formatting. */
export const VIEWER_CONTEXT: BrowserContextOptions = { timezoneId: VIEWER_ZONE, locale: "en-US" };

export const HOUR = 3600 * 1000;

// ICU versions differ in the spaces they put around "–" and before "AM" (narrow, thin or plain), so
// Node's formatting and Chromium's are compared with every kind of space made one plain space.
export const plainSpaces = (text: string | null) => (text ?? "").replace(/\s+/gu, " ").trim();

/**
 * The free slots the server offers at least a day ahead, earliest first. Starting 26 hours out keeps them
 * outside any notice window and past a 24-hour free-cancellation deadline; ending four days out keeps each
 * of them in this month or the next, which is all `showDayOf` looks at.
 */
export async function slotsFromTomorrow(server: TestServer, resourceId: string): Promise<Slot[]> {
  const from = new Date(Date.now() + 26 * HOUR).toISOString();
  const to = new Date(Date.now() + 4 * 24 * HOUR).toISOString();
  const response = await server.app.inject(`/api/v1/resources/${resourceId}/availability?from=${from}&to=${to}`);
  expect(response.statusCode).toBe(200);
  return response.json().slots;
}

/** The viewer's calendar date of an instant, "YYYY-MM-DD" (the Canadian English format is ISO's). */
export const viewerDate = (instant: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: VIEWER_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );

/** The month calendar of a resource's page ("Pick a time") beside the chosen date's times, as `page` shows it. */
export function monthSlotPicker(page: Page) {
  const main = () => page.getByRole("main");

  /**
   * The slot's button among the chosen date's free times (toggle buttons; a full time is listed apart, under
   * "Full — join the waitlist", as a plain button), found by the machine-readable time inside it: the visible
   * text is on the viewer's clock and differs by zone and ICU version, the `datetime` attribute does not.
   */
  const slotButton = (slot: Slot) =>
    main()
      .locator("button[aria-pressed]")
      .filter({ has: page.locator(`time[datetime="${slot.start}"]`) });

  /** A date's button in the calendar grid, by the date ("YYYY-MM-DD") it carries. */
  const dateButton = (date: string) =>
    main()
      .getByRole("grid")
      .getByRole("button")
      .filter({ has: page.locator(`time[datetime="${date}"]`) });

  /** Waits for the calendar and the chosen date's times: both are marked aria-busy while they fetch. */
  const pickerLoaded = async () => {
    await main().getByRole("heading", { name: "Pick a time" }).waitFor();
    await main().getByRole("grid").waitFor();
    await expect.poll(() => main().locator('[aria-busy="true"]').count()).toBe(0);
  };

  /**
   * Chooses the viewer's date that holds `slot`, moving the calendar a month on if needed (the slot is at
   * most four days ahead). A date with nothing free cannot be chosen; then no time of it is shown.
   */
  const showDayOf = async (slot: Slot) => {
    await pickerLoaded();
    const date = dateButton(viewerDate(slot.start));
    if ((await date.count()) === 0) {
      await main().getByRole("button", { name: "Next month" }).click();
      await pickerLoaded();
    }
    if ((await date.getAttribute("aria-disabled")) !== "true") await date.click();
    await pickerLoaded();
  };

  return { slotButton, dateButton, pickerLoaded, showDayOf };
}

/**
 * Registers a fresh member through the REST API, then signs them in through the sign-in page with
 * `?next=` set, and waits until it has brought them to `next` (a path such as `/resources/ID`).
 * The email is `username@example.com` unless given. The address counts as confirmed (booking needs that)
 * unless `verified: false`.
 */
export async function signInAsFreshMember(
  { server, page, baseUrl }: { server: TestServer; page: Page; baseUrl: string },
  {
    username,
    email = `${username}@example.com`,
    next,
    verified = true,
  }: { username: string; email?: string; next: string; verified?: boolean },
): Promise<TestAccount> {
  const member = await (verified ? registerVerifiedAccount : registerAccount)(server, { username, email });
  await page.goto(`${baseUrl}/sign-in?next=${next}`);
  await submitSignIn(page, member.email, member.password);
  await page.waitForURL(`${baseUrl}${next}`);
  return member;
}
