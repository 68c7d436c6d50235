// The waitlist in a real browser (issue 15): a member whose slot was taken meanwhile joins its waitlist and
// sees their place in line on the resource page and under My bookings; when the booking ahead is cancelled,
// the seat is held for them, and they accept it on its booking page. axe-core checks each page on the way.
// Run `pnpm build` first (the test command does).

import { chromiumPath } from "@bookable/testing/chromium";
import { beforeAll, describe, expect, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair } from "../../test/account-helpers.js";
import {
  monthSlotPicker,
  RESOURCE_ZONE,
  signInAsFreshMember,
  slotsFromTomorrow,
  VIEWER_CONTEXT,
  viewerDate,
} from "../../test/browser-booking-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";
import { pageAccessibilityViolations } from "../../test/page-checks.js";
import { makeHoldOverdue } from "../../test/payment-helpers.js";
import { adminToken } from "../../test/resource-helpers.js";

// adminToken registers admin@example.com with the test helpers' password.
const adminPassword = "long enough 1";

if (!chromiumPath) console.warn("Browser tests skipped: Chromium is not installed (apt-get install -y chromium).");

describe.skipIf(!chromiumPath)("the waitlist in the browser", () => {
  const session = useBrowserSession({ environment: { AUTH_RATE_LIMIT_PER_MINUTE: "1000" }, context: VIEWER_CONTEXT });
  let resource: { id: string; name: string };

  beforeAll(async () => {
    const { server } = session;
    const created = await server.postJson(
      "/api/v1/resources",
      {
        name: "Spin Class",
        timeZone: RESOURCE_ZONE,
        slotMinutes: 60,
        weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "08:00", end: "20:00" })),
        minNoticeMinutes: 0,
        capacity: 1,
      },
      bearer(await adminToken(server)),
    );
    expect(created.statusCode).toBe(201);
    resource = created.json();
  });

  const main = () => session.page.getByRole("main");

  it("joins the waitlist of a slot taken meanwhile, shows the place in line, and takes the seat when it is offered", async () => {
    const { server, page, baseUrl } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    await signInAsFreshMember(session, {
      username: "ada_waits",
      email: "ada.waits@example.com",
      next: `/resources/${resource.id}`,
    });
    const rival = await tokenPair(server, await registerVerifiedAccount(server));

    const [slot] = await slotsFromTomorrow(server, resource.id);
    if (!slot) throw new Error("The resource offers no slot in the next days");
    await showDayOf(slot);
    await slotButton(slot).click();
    await page.getByRole("button", { name: "Book this slot" }).waitFor();

    // While the form is open, someone else takes the slot: the page offers its waitlist.
    const taken = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee: { name: "Rival", email: "rival@example.com" } },
      bearer(rival.accessToken),
    );
    expect(taken.statusCode).toBe(201);
    await page.getByRole("button", { name: "Book this slot" }).click();
    await main().getByRole("heading", { name: "This time is full — join the waitlist" }).waitFor();
    expect(await pageAccessibilityViolations(page)).toEqual([]);

    await main().getByRole("button", { name: "Join the waitlist" }).click();
    const joined = page.getByRole("status").filter({ hasText: "You're on the waitlist" });
    await joined.waitFor();
    expect(await joined.textContent()).toContain("number 1 in line");
    expect(await pageAccessibilityViolations(page)).toEqual([]);

    // My bookings shows the place in line.
    await page.goto(`${baseUrl}/bookings`);
    const waitlist = main().getByRole("region", { name: "Waitlist" });
    await waitlist.waitFor();
    expect(await waitlist.textContent()).toContain("Number 1 in line");
    expect(await waitlist.textContent()).toContain(resource.name);
    expect(await pageAccessibilityViolations(page)).toEqual([]);

    // The booking ahead is cancelled: the seat is held for Ada, and My bookings links to it.
    expect((await server.postJson(`/api/v1/bookings/${taken.json().id}/cancel`, {}, bearer(rival.accessToken))).statusCode).toBe(
      200,
    );
    await page.reload();
    await waitlist.getByRole("link", { name: "Take the seat" }).click();
    await page.waitForURL(new RegExp(`^${baseUrl}/bookings/[0-9a-f-]{36}$`));
    const offer = main().getByRole("region", { name: "A seat came free for you" });
    await offer.waitFor();
    expect(await pageAccessibilityViolations(page)).toEqual([]);

    await offer.getByRole("button", { name: "Accept the seat" }).click();
    await page.getByRole("status").filter({ hasText: "Booking confirmed" }).waitFor();
    expect(await offer.count()).toBe(0);
    // The admin sees the line on the bookings page once the resource is chosen: Ada's entry, accepted.
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/sign-in?next=/admin/bookings`);
    await submitSignIn(page, "admin@example.com", adminPassword);
    await page.waitForURL(`${baseUrl}/admin/bookings`);
    await main().getByLabel("Resource").selectOption({ label: resource.name });
    const line = main().getByRole("region", { name: "Waitlist" });
    await line.getByText("Accepted", { exact: false }).waitFor();
    expect(await line.textContent()).toContain("ada.waits@example.com");
    expect(await pageAccessibilityViolations(page)).toEqual([]);
  });

  it("lists a booked-out time under the free ones and joins its waitlist from there", async () => {
    const { server, page } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    const rival = await tokenPair(server, await registerVerifiedAccount(server));
    const slot = (await slotsFromTomorrow(server, resource.id))[2];
    if (!slot) throw new Error("The resource offers no third slot in the next days");
    const taken = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee: { name: "Rival", email: "rival@example.com" } },
      bearer(rival.accessToken),
    );
    expect(taken.statusCode).toBe(201);

    await signInAsFreshMember(session, { username: "cy_full", email: "cy.full@example.com", next: `/resources/${resource.id}` });
    await showDayOf(slot);
    const full = main().getByRole("region", { name: "Full — join the waitlist" });
    await full.waitFor();
    // The taken time is under "Full", not among the free ones.
    const fullTime = full.getByRole("button").filter({ has: page.locator(`time[datetime="${slot.start}"]`) });
    expect(await fullTime.count()).toBe(1);
    expect(await slotButton(slot).count()).toBe(0);
    expect(await pageAccessibilityViolations(page)).toEqual([]);

    await fullTime.click();
    await main().getByRole("heading", { name: "This time is full — join the waitlist" }).waitFor();
    await main().getByRole("button", { name: "Join the waitlist" }).click();
    const joined = page.getByRole("status").filter({ hasText: "You're on the waitlist" });
    await joined.waitFor();
    expect(await joined.textContent()).toContain("number 1 in line");
    expect(await pageAccessibilityViolations(page)).toEqual([]);
  });

  it("opens a booked-out date from the calendar, marked full, and lists its full times to join", async () => {
    const { server, page } = session;
    const { dateButton, showDayOf } = monthSlotPicker(page);
    const created = await server.postJson(
      "/api/v1/resources",
      {
        name: "Sauna",
        timeZone: RESOURCE_ZONE,
        slotMinutes: 60,
        weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "10:00", end: "12:00" })),
        minNoticeMinutes: 0,
        capacity: 1,
      },
      bearer(await adminToken(server)),
    );
    expect(created.statusCode).toBe(201);
    const sauna: { id: string } = created.json();
    // Every slot of one whole viewer date (the second listed: the first may be cut by the window's start).
    const slots = await slotsFromTomorrow(server, sauna.id);
    const date = [...new Set(slots.map((slot) => viewerDate(slot.start)))][1];
    const ofDate = slots.filter((slot) => viewerDate(slot.start) === date);
    expect(ofDate.length).toBeGreaterThan(0);
    const rival = await tokenPair(server, await registerVerifiedAccount(server));
    for (const slot of ofDate) {
      const taken = await server.postJson(
        "/api/v1/bookings",
        { resourceId: sauna.id, start: slot.start, attendee: { name: "Rival", email: "rival@example.com" } },
        bearer(rival.accessToken),
      );
      expect(taken.statusCode).toBe(201);
    }

    await signInAsFreshMember(session, { username: "di_full", email: "di.full@example.com", next: `/resources/${sauna.id}` });
    const [first] = ofDate;
    if (!first || !date) throw new Error("No booked-out date");
    await showDayOf(first);
    // Before issue 16 a date with nothing free was disabled in the grid, so its waitlists were out of reach.
    expect(await dateButton(date).getAttribute("aria-disabled")).toBeNull();
    await main().getByText("No free times on this day.").waitFor();
    const full = main().getByRole("region", { name: "Full — join the waitlist" });
    await full.waitFor();
    expect(await full.getByRole("button").count()).toBe(ofDate.length);
    await main().getByText("Fully booked: join a waitlist").waitFor();
    expect(await pageAccessibilityViolations(page)).toEqual([]);
  });

  it("tells the person in line when the seat held for them was not taken in time (the clock driven by the test)", async () => {
    const { server, page, baseUrl } = session;
    const member = await signInAsFreshMember(session, { username: "bob_late", email: "bob.late@example.com", next: "/bookings" });
    const memberToken = (await tokenPair(server, member)).accessToken;
    const rival = await tokenPair(server, await registerVerifiedAccount(server));
    const slots = await slotsFromTomorrow(server, resource.id);
    const slot = slots[slots.length - 1];
    if (!slot) throw new Error("The resource offers no slot in the next days");
    const taken = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee: { name: "Rival", email: "rival@example.com" } },
      bearer(rival.accessToken),
    );
    expect(taken.statusCode).toBe(201);
    const joined = await server.postJson(
      `/api/v1/resources/${resource.id}/waitlist`,
      { start: slot.start, attendee: { name: "Bob", email: member.email } },
      bearer(memberToken),
    );
    expect(joined.statusCode).toBe(201);
    expect((await server.postJson(`/api/v1/bookings/${taken.json().id}/cancel`, {}, bearer(rival.accessToken))).statusCode).toBe(
      200,
    );

    await page.goto(`${baseUrl}/bookings`);
    const waitlist = main().getByRole("region", { name: "Waitlist" });
    await waitlist.getByRole("link", { name: "Take the seat" }).waitFor();
    const offerId = (await waitlist.getByRole("link", { name: "Take the seat" }).getAttribute("href"))?.split("/").at(-1) ?? "";

    // Time runs out on the offer: the hold is made overdue and the worker's sweep runs.
    await makeHoldOverdue(server, offerId);
    await server.app.services.core.waitlist.sweep();
    await page.reload();
    await waitlist.getByText("not taken in time", { exact: false }).waitFor();
    expect(await waitlist.getByRole("link", { name: "Take the seat" }).count()).toBe(0);
    expect(await pageAccessibilityViolations(page)).toEqual([]);

    await page.goto(`${baseUrl}/bookings/${offerId}`);
    await main().getByRole("heading", { level: 1 }).waitFor();
    expect(await main().getByRole("region", { name: "A seat came free for you" }).count()).toBe(0);
  });
});
