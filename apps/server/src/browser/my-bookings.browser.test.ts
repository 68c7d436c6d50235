// Issue 15 in a real browser (Debian's Chromium through playwright-core) against the real server and the
// built web app: cancelling with a reason and finding the booking under the Cancelled tab, with the reason,
// for the booker and the admin; Book again; the refund policy said before paying (booking form and
// checkout); "Pay to confirm" on an unpaid hold; a slot booked by yourself in another tab. axe-core checks
// every page on the way (the main region). Run `pnpm build` first (the test command does).
import { chromiumPath } from "@bookable/testing/chromium";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bearer, tokenPair } from "../../test/account-helpers.js";
import {
  monthSlotPicker,
  plainSpaces,
  RESOURCE_ZONE,
  type Slot,
  signInAsFreshMember,
  slotsFromTomorrow,
  VIEWER_CONTEXT,
  VIEWER_ZONE,
} from "../../test/browser-booking-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";
import { pageAccessibilityViolations } from "../../test/page-checks.js";
import { adminToken, createTestResource } from "../../test/resource-helpers.js";
import type { TestServer } from "../../test/test-server.js";

if (!chromiumPath) console.warn("Browser tests skipped: Chromium is not installed (apt-get install -y chromium).");

/** A slot as the pages write it ("Thursday, March 12, 2026, 8:00 – 9:00 AM") on `timeZone`'s clock. */
const timeRange = (slot: Slot, timeZone: string) =>
  plainSpaces(
    new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeStyle: "short", timeZone }).formatRange(
      new Date(slot.start),
      new Date(slot.end),
    ),
  );

/** The first free slot from tomorrow of a resource. */
async function firstSlot(server: TestServer, resourceId: string): Promise<Slot> {
  const [slot] = await slotsFromTomorrow(server, resourceId);
  if (!slot) throw new Error("The resource offers no slot in the next days");
  return slot;
}

describe.skipIf(!chromiumPath)("my bookings in the browser", () => {
  const session = useBrowserSession({ environment: { AUTH_RATE_LIMIT_PER_MINUTE: "1000" }, context: VIEWER_CONTEXT });
  const main = () => session.page.getByRole("main");

  /** Books `slot` for `account` through the REST API, as another tab of theirs would. */
  const bookThroughApi = async (account: { email: string; password: string }, resourceId: string, slot: Slot) => {
    const { accessToken } = await tokenPair(session.server, account);
    const response = await session.server.postJson(
      "/api/v1/bookings",
      { resourceId, start: slot.start, attendee: { name: "Ada Lovelace", email: account.email } },
      bearer(accessToken),
    );
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; checkoutUrl: string | null };
  };

  it("cancels with a reason, finds it under Cancelled with the reason (admins too), and books again", async () => {
    const { server, baseUrl, context, page } = session;
    const resource = { ...(await createTestResource(server, { name: "Quiet Room" })), name: "Quiet Room" };
    await adminToken(server);
    const member = await signInAsFreshMember(session, { username: "ada_reason", next: "/bookings" });
    const slot = await firstSlot(server, resource.id);
    await bookThroughApi(member, resource.id, slot);
    await page.reload();

    const row = main().getByRole("list", { name: "Upcoming bookings" }).getByRole("listitem").filter({ hasText: resource.name });
    await row.waitFor();
    await row.getByRole("button", { name: /^Cancel Quiet Room/ }).click();
    await row.getByLabel("Reason (optional)").fill("My train was cancelled.");
    expect(await pageAccessibilityViolations(page, { include: "main" })).toEqual([]);
    await row.getByRole("button", { name: "Yes, cancel it" }).click();
    // Gone from Upcoming: it is not coming any more.
    await expect.poll(() => row.count()).toBe(0);

    await main().getByRole("tab", { name: "Cancelled" }).click();
    await page.waitForURL(`${baseUrl}/bookings?when=cancelled`);
    const cancelled = main()
      .getByRole("list", { name: "Cancelled bookings" })
      .getByRole("listitem")
      .filter({ hasText: resource.name });
    await cancelled.waitFor();
    const cancelledText = plainSpaces(await cancelled.textContent());
    expect(cancelledText).toContain("Cancelled");
    expect(cancelledText).toContain("Reason: My train was cancelled.");
    expect(cancelledText).toContain(timeRange(slot, VIEWER_ZONE));
    expect(await pageAccessibilityViolations(page, { include: "main" })).toEqual([]);

    // The booking's own page says why too.
    await cancelled.getByRole("link", { name: resource.name, exact: true }).click();
    const card = page.getByRole("status").filter({ hasText: "Booking cancelled" });
    await card.waitFor();
    expect(plainSpaces(await card.textContent())).toContain("Reason: My train was cancelled.");
    expect(await pageAccessibilityViolations(page, { include: "main" })).toEqual([]);

    // Book again: the resource's page, its calendar on the next free day, where the freed slot is offered.
    await main().getByRole("link", { name: "Book again: Quiet Room" }).click();
    await page.waitForURL(`${baseUrl}/resources/${resource.id}`);
    const { slotButton, showDayOf, pickerLoaded } = monthSlotPicker(page);
    await pickerLoaded();
    await showDayOf(slot);
    await slotButton(slot).waitFor();

    // The admin sees the reason in the bookings table.
    await context.clearCookies();
    await page.goto(`${baseUrl}/sign-in?next=/admin/bookings`);
    await submitSignIn(page, "admin@example.com", "long enough 1");
    await page.waitForURL(`${baseUrl}/admin/bookings`);
    const adminRow = main()
      .getByRole("table")
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: resource.name, exact: true }) });
    await adminRow.waitFor();
    expect(plainSpaces(await adminRow.textContent())).toContain("Reason: My train was cancelled.");
  });

  it("offers Book again on a past booking's list", async () => {
    const { server, baseUrl, page } = session;
    const resource = { ...(await createTestResource(server, { name: "Old Hall" })), name: "Old Hall" };
    const member = await signInAsFreshMember(session, { username: "ada_past", next: "/bookings?when=past" });
    const slot = await firstSlot(server, resource.id);
    const booking = await bookThroughApi(member, resource.id, slot);
    // Moved into the past by hand: no clock is turned in a browser test.
    await server.database.db.execute(
      sql`update bookings set start_at = now() - interval '3 hours', end_at = now() - interval '2 hours' where id = ${booking.id}`,
    );
    await page.reload();
    const row = main().getByRole("list", { name: "Past bookings" }).getByRole("listitem").filter({ hasText: resource.name });
    await row.waitFor();
    expect(await row.getByRole("button", { name: /^Cancel/ }).count()).toBe(0);
    expect(await pageAccessibilityViolations(page, { include: "main" })).toEqual([]);
    await row.getByRole("link", { name: "Book again: Old Hall" }).click();
    await page.waitForURL(`${baseUrl}/resources/${resource.id}`);
    await monthSlotPicker(page).pickerLoaded();
  });

  it("says before paying that cancelling refunds nothing inside the window, and an unpaid hold says Pay to confirm", async () => {
    const { server, baseUrl, page } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    const price = { amount: 2500, currency: "EUR" };
    // A day's notice for free cancellation: a slot from tomorrow is still well before it.
    const relaxed = await createTestResource(server, { name: "Relaxed Studio", price, freeCancellationHours: 24 });
    // A month's notice: every slot that can be booked now is already past it.
    const strict = await createTestResource(server, { name: "Strict Studio", price, freeCancellationHours: 24 * 30 });

    const member = await signInAsFreshMember(session, { username: "late_booker", next: `/resources/${relaxed.id}` });
    await showDayOf(await firstSlot(server, relaxed.id));
    await slotButton(await firstSlot(server, relaxed.id)).click();
    await main()
      .getByText(/^Free cancellation until .+: cancel before then for a full refund\.$/)
      .waitFor();
    expect(plainSpaces(await main().textContent())).not.toContain("Cancelling refunds nothing");

    await page.goto(`${baseUrl}/resources/${strict.id}`);
    const slot = await firstSlot(server, strict.id);
    await showDayOf(slot);
    await slotButton(slot).click();
    const formWarning = main().getByRole("status").filter({ hasText: "Cancelling refunds nothing" });
    await formWarning.waitFor();
    expect(plainSpaces(await formWarning.textContent())).toContain("If you pay and then cancel, nothing is refunded.");
    expect(await pageAccessibilityViolations(page, { include: "main" })).toEqual([]);

    await page.getByRole("button", { name: "Book and pay" }).click();
    await page.waitForURL(new RegExp(`^${baseUrl}/dev/checkout/cs_local_[0-9a-f]+$`));
    const checkoutUrl = page.url();
    const checkoutWarning = main().getByRole("status").filter({ hasText: "Cancelling refunds nothing" });
    await checkoutWarning.waitFor();
    const checkoutText = plainSpaces(await main().textContent());
    // The booker's time and the resource's, start and end.
    expect(checkoutText).toContain(timeRange(slot, VIEWER_ZONE));
    expect(checkoutText).toContain("Your time");
    expect(checkoutText).toContain(timeRange(slot, RESOURCE_ZONE));
    expect(checkoutText).toContain("Local time there");
    expect(await pageAccessibilityViolations(page, { include: "main" })).toEqual([]);

    // Not paid, and back on the booking's page (from My bookings, not from the checkout): it asks to pay.
    const { accessToken } = await tokenPair(server, member);
    const mine = await server.app.inject({ url: "/api/v1/bookings", headers: bearer(accessToken) });
    const held = (mine.json().items as { id: string; resourceId: string }[]).find((item) => item.resourceId === strict.id);
    await page.goto(`${baseUrl}/bookings/${held?.id}`);
    const card = page.getByRole("status").filter({ hasText: "Slot held" });
    await card.waitFor();
    const cardText = plainSpaces(await card.textContent());
    expect(cardText).toContain("Pay to confirm.");
    expect(cardText).not.toContain("Waiting for the payment");
    expect(cardText).toContain("Cancelling refunds nothing");
    const pay = card.getByRole("link", { name: "Pay €25.00 to confirm" });
    expect(new URL((await pay.getAttribute("href")) ?? "", baseUrl).href).toBe(checkoutUrl);
    expect(await pageAccessibilityViolations(page, { include: "main" })).toEqual([]);
    await pay.click();
    await page.waitForURL(checkoutUrl);
  });

  it("says a slot booked by yourself in another tab is yours, links it, and keeps what was typed", async () => {
    const { server, page } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    const resource = await createTestResource(server, { name: "Corner Desk" });
    const member = await signInAsFreshMember(session, { username: "two_tabs", next: `/resources/${resource.id}` });
    const slot = await firstSlot(server, resource.id);
    await showDayOf(slot);
    await slotButton(slot).click();
    await page.getByLabel("Notes").fill("Window seat, please.");

    const booking = await bookThroughApi(member, resource.id, slot);
    await page.getByRole("button", { name: "Book this slot" }).click();
    const alert = main().getByRole("alert").filter({ hasText: "You already booked this time" });
    await alert.waitFor();
    expect(plainSpaces(await main().textContent())).not.toContain("Someone else just booked");
    expect(await page.getByLabel("Notes").inputValue()).toBe("Window seat, please.");
    const link = alert.getByRole("link", { name: "See your booking" });
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe(`/bookings/${booking.id}`);
    expect(await pageAccessibilityViolations(page, { include: "main" })).toEqual([]);
  });
});
