// Moving a booking from its page (issue 15) in a real browser (Debian's Chromium through playwright-core)
// against the real server and the built web app: "Reschedule" opens the resource's month calendar, a time is
// chosen and confirmed, and the page shows the booking at its new time. A free booking and a paid one (local
// payment mode: it stays paid); a time someone else takes meanwhile is said so and another can be picked; axe-core
// finds no violation with the picker open. Run `pnpm build` first (the test command does).
import { chromiumPath } from "@bookable/testing/chromium";
import type { BookingOutput } from "@bookable/validators";
import { describe, expect, it } from "vitest";
import { bearer, registerVerifiedAccount, tokenPair, trpcMutation } from "../../test/account-helpers.js";
import { monthSlotPicker, type Slot, slotsFromTomorrow, VIEWER_CONTEXT } from "../../test/browser-booking-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";
import { pageAccessibilityViolations } from "../../test/page-checks.js";
import { getBookingAs } from "../../test/payment-helpers.js";
import { adminToken, createTestResource } from "../../test/resource-helpers.js";

if (!chromiumPath) console.warn("Browser tests skipped: Chromium is not installed (apt-get install -y chromium).");

describe.skipIf(!chromiumPath)("rescheduling a booking in the browser", () => {
  const session = useBrowserSession({
    environment: { AUTH_RATE_LIMIT_PER_MINUTE: "1000", HOLDS_PER_USER: "100", BOOKINGS_PER_HOUR: "100" },
    context: VIEWER_CONTEXT,
  });
  const main = () => session.page.getByRole("main");

  /** A member with a booking of the resource's first free slot from tomorrow, signed in on its page. */
  async function openBooking(resourceId: string, options: { pay?: boolean } = {}) {
    const { server, baseUrl, page } = session;
    const account = await registerVerifiedAccount(server);
    const { accessToken } = await tokenPair(server, account);
    const slots = await slotsFromTomorrow(server, resourceId);
    const [first] = slots;
    if (!first) throw new Error("The resource offers no slot in the next days");
    const response = await server.postJson(
      "/api/v1/bookings",
      { resourceId, start: first.start, attendee: { name: "Ada Lovelace", email: account.email } },
      bearer(accessToken),
    );
    expect(response.statusCode, response.body).toBe(201);
    const booking = response.json() as BookingOutput;
    if (options.pay) {
      const sessionId = /\/dev\/checkout\/(cs_local_[0-9a-f]+)$/.exec(booking.checkoutUrl ?? "")?.[1];
      const paid = await trpcMutation(server, "payments.payLocalCheckout", { sessionId }, bearer(accessToken));
      expect(paid.statusCode, paid.body).toBe(200);
    }
    await page.goto(`${baseUrl}/sign-in?next=/bookings/${booking.id}`);
    await submitSignIn(page, account.email, account.password);
    await page.waitForURL(`${baseUrl}/bookings/${booking.id}`);
    await main().getByRole("heading", { name: "Booking confirmed" }).waitFor();
    return { booking, accessToken, slots };
  }

  /** Opens the picker, chooses `slot`'s time, and presses the confirming button. */
  async function moveTo(slot: Slot) {
    const { page } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    await showDayOf(slot);
    await slotButton(slot).click();
    await main().getByRole("button", { name: "Move to this time" }).click();
  }

  const whenShown = () => main().getByRole("status").filter({ hasText: "Booking confirmed" }).locator("dd time").first();

  it("moves a free booking to another time, says a time taken meanwhile is gone, and has no axe violations", async () => {
    const { server, page } = session;
    const resource = await createTestResource(server, { name: "Quiet Room" });
    const { booking, accessToken, slots } = await openBooking(resource.id);
    const [, taken, target] = slots;
    if (!taken || !target) throw new Error("Not enough free slots");

    await main()
      .getByRole("button", { name: /^Reschedule Quiet Room/ })
      .click();
    await main().getByRole("heading", { name: "Move this booking" }).waitFor();
    await monthSlotPicker(page).pickerLoaded();
    expect(await pageAccessibilityViolations(page)).toEqual([]);

    // Someone else books the chosen time between the choice and the confirmation.
    const { showDayOf, slotButton } = monthSlotPicker(page);
    await showDayOf(taken);
    await slotButton(taken).click();
    const rival = await tokenPair(server, await registerVerifiedAccount(server));
    const rivalBooking = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: taken.start, attendee: { name: "Rival", email: "rival@example.com" } },
      bearer(rival.accessToken),
    );
    expect(rivalBooking.statusCode).toBe(201);
    await main().getByRole("button", { name: "Move to this time" }).click();
    await main().getByRole("alert").filter({ hasText: "Someone else just took that time" }).waitFor();
    expect((await getBookingAs(server, accessToken, booking.id)).start).toBe(booking.start);

    await moveTo(target);
    await main()
      .getByText(/^Moved to /)
      .waitFor();
    expect(await whenShown().getAttribute("datetime")).toBe(target.start);
    const moved = await getBookingAs(server, accessToken, booking.id);
    expect(moved).toMatchObject({ start: target.start, status: "confirmed", sequence: 1 });
  });

  it("moves a paid booking and keeps its payment, on a phone-sized screen; a time at another price is refused", async () => {
    const { server, page } = session;
    await page.setViewportSize({ width: 390, height: 844 });
    const resource = await createTestResource(server, {
      name: "Recording Booth",
      price: { amount: 2500, currency: "EUR" },
      freeCancellationHours: 24,
    });
    const { booking, accessToken, slots } = await openBooking(resource.id, { pay: true });
    const target = slots[1];
    if (!target) throw new Error("Not enough free slots");

    await main()
      .getByRole("button", { name: /^Reschedule Recording Booth/ })
      .click();
    await monthSlotPicker(page).pickerLoaded();
    // The calendar stacks above the times: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await moveTo(target);
    await main()
      .getByText(/^Moved to /)
      .waitFor();
    expect(await whenShown().getAttribute("datetime")).toBe(target.start);
    const moved = await getBookingAs(server, accessToken, booking.id);
    expect(moved).toMatchObject({
      start: target.start,
      status: "confirmed",
      payment: { status: "paid", amount: 2500, refund: null },
    });
    expect(await main().getByRole("status").filter({ hasText: "Booking confirmed" }).textContent()).toContain("Paid");

    // The price goes up: the paid booking cannot move to a time at the new price, and the page says why.
    const update = await server.app.inject({
      method: "PATCH",
      url: `/api/v1/resources/${resource.id}`,
      headers: { ...bearer(await adminToken(server)), "content-type": "application/json" },
      payload: JSON.stringify({ price: { amount: 3000, currency: "EUR" } }),
    });
    expect(update.statusCode, update.body).toBe(200);
    const other = slots[2];
    if (!other) throw new Error("Not enough free slots");
    await main()
      .getByRole("button", { name: /^Reschedule Recording Booth/ })
      .click();
    await moveTo(other);
    await main().getByRole("alert").filter({ hasText: "That time costs a different amount" }).waitFor();
    expect((await getBookingAs(server, accessToken, booking.id)).start).toBe(target.start);
  });
});
