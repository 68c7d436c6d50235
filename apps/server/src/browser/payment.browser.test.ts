// Paying for a booking in a real browser (Debian's Chromium through playwright-core) against the real server
// and the built web app, in local payment mode: the test server has no Stripe keys, so a priced booking's
// checkout is the app's own clearly labelled local checkout page. A member books a priced slot, pays on that
// page and comes back to a confirmed, paid booking; another walks away from the checkout and the slot is
// offered again. Run `pnpm build` first (the test command does).

import { chromiumPath } from "@bookable/testing/chromium";
import { describe, expect, it } from "vitest";
import {
  monthSlotPicker,
  plainSpaces,
  RESOURCE_ZONE,
  type Slot,
  signInAsFreshMember,
  slotsFromTomorrow,
  VIEWER_CONTEXT,
} from "../../test/browser-booking-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";
import { createTestResource } from "../../test/resource-helpers.js";

if (!chromiumPath) console.warn("Browser tests skipped: Chromium is not installed (apt-get install -y chromium).");

/** A slot as the checkout page writes it on the resource's clock ("Thursday, March 12, 2026, 8:00 – 9:00 AM"). */
const resourceTimes = (slot: Slot) =>
  plainSpaces(
    new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeStyle: "short", timeZone: RESOURCE_ZONE }).formatRange(
      new Date(slot.start),
      new Date(slot.end),
    ),
  );
const BOOKING_URL = /\/bookings\/[0-9a-f-]{36}\?checkout=(success|cancelled)$/;

describe.skipIf(!chromiumPath)("paying for a booking in the browser (local payment mode)", () => {
  const session = useBrowserSession({ environment: { AUTH_RATE_LIMIT_PER_MINUTE: "1000" }, context: VIEWER_CONTEXT });

  const header = () => session.page.getByRole("banner");
  const main = () => session.page.getByRole("main");

  /** A priced resource of its own per test, €25.00 an hour, so the tests never compete for a slot. */
  const pricedResource = async (name: string) => {
    const created = await createTestResource(session.server, {
      name,
      price: { amount: 2500, currency: "EUR" },
      freeCancellationHours: 24,
    });
    return { id: created.id, name };
  };

  /** Signs a fresh member in through the sign-in page, which brings them back to the resource. */
  const signInAndOpen = async (resourceId: string, username: string) => {
    await signInAsFreshMember(session, { username, next: `/resources/${resourceId}` });
    await header().getByRole("link", { name: username, exact: true }).waitFor();
  };

  /** Books the first free slot from tomorrow and follows the browser to the local checkout page. */
  const bookFirstSlot = async (resourceId: string): Promise<Slot> => {
    const { server, baseUrl, page } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    const [slot] = await slotsFromTomorrow(server, resourceId);
    if (!slot) throw new Error("The resource offers no slot in the next days");
    await showDayOf(slot);
    await slotButton(slot).click();
    expect(plainSpaces(await main().textContent())).toContain("You pay on the next page");
    await page.getByRole("button", { name: "Book and pay" }).click();
    await page.waitForURL(new RegExp(`^${baseUrl}/dev/checkout/cs_local_[0-9a-f]+$`));
    return slot;
  };

  it("books a priced slot, pays on the local checkout page, and comes back to a confirmed, paid booking", async () => {
    const { baseUrl, page } = session;
    const resource = await pricedResource("Recording Booth");
    await signInAndOpen(resource.id, "nina_simone");
    const slot = await bookFirstSlot(resource.id);

    const banner = main().getByRole("region", { name: /Local payment mode/ });
    await banner.waitFor();
    expect(plainSpaces(await banner.textContent())).toContain("no real money moves; Stripe is not configured on this server");
    const checkoutText = plainSpaces(await main().textContent());
    expect(checkoutText).toContain(resource.name);
    expect(checkoutText).toContain("€25.00");
    // Start and end on the resource's own clock, where the booker will be (and on the booker's, issue 15).
    expect(checkoutText).toContain(resourceTimes(slot));
    expect(checkoutText).toContain("Time left");

    await main().getByRole("button", { name: "Pay €25.00" }).click();
    await page.waitForURL(BOOKING_URL);
    expect(new URL(page.url()).searchParams.get("checkout")).toBe("success");
    const bookingId = new URL(page.url()).pathname.split("/").at(-1) ?? "";

    const card = page.getByRole("status").filter({ hasText: "Booking confirmed" });
    await card.waitFor();
    const cardText = plainSpaces(await card.textContent());
    expect(cardText).toContain("Payment received");
    expect(cardText).toContain("Paid");
    expect(cardText).toContain(resource.name);
    expect(cardText).toContain("€25.00");
    // Booked more than a day ahead, so inside the free-cancellation window.
    expect(plainSpaces(await main().textContent())).toContain("for a full refund");

    await header().getByRole("link", { name: "My bookings" }).click();
    await page.waitForURL(`${baseUrl}/bookings`);
    const row = main().getByRole("list", { name: "Upcoming bookings" }).getByRole("listitem").filter({ hasText: resource.name });
    await row.waitFor();
    await expect.poll(async () => plainSpaces(await row.textContent())).toContain("Confirmed");
    expect(plainSpaces(await row.textContent())).toContain("Paid");
    expect(await row.getByRole("link", { name: resource.name }).getAttribute("href")).toBe(`/bookings/${bookingId}`);
  });

  it("abandons the checkout: the booking expires unpaid and the slot is offered again", async () => {
    const { baseUrl, page } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    const resource = await pricedResource("Rehearsal Room");
    await signInAndOpen(resource.id, "billie_holiday");
    const slot = await bookFirstSlot(resource.id);
    const checkoutUrl = page.url();
    await main()
      .getByRole("region", { name: /Local payment mode/ })
      .waitFor();

    // Leaving the checkout without a word (as Stripe's "back" link does) keeps the slot held meanwhile.
    await header().getByRole("link", { name: "My bookings" }).click();
    const row = main().getByRole("list", { name: "Upcoming bookings" }).getByRole("listitem").filter({ hasText: resource.name });
    await row.waitFor();
    expect(plainSpaces(await row.textContent())).toContain("Held");
    expect(plainSpaces(await row.textContent())).toContain("Awaiting payment");
    const bookingPath = (await row.getByRole("link", { name: resource.name }).getAttribute("href")) ?? "";
    await page.goto(`${baseUrl}${bookingPath}?checkout=cancelled`);
    const held = page.getByRole("status").filter({ hasText: "Slot held" });
    await held.waitFor();
    expect(plainSpaces(await held.textContent())).toMatch(/You left the payment page\. Your slot is held until \d/);
    expect(plainSpaces(await held.textContent())).toContain("Awaiting payment");
    await main()
      .getByRole("button", { name: /^Cancel booking/ })
      .waitFor();
    const back = main().getByRole("link", { name: "Return to payment" });
    expect(await back.getAttribute("href")).toBe(checkoutUrl);
    await back.click();
    await page.waitForURL(checkoutUrl);

    await main().getByRole("button", { name: "Abandon checkout" }).click();
    await page.waitForURL(BOOKING_URL);
    expect(new URL(page.url()).searchParams.get("checkout")).toBe("cancelled");

    const card = page.getByRole("status").filter({ hasText: "Hold expired" });
    await card.waitFor();
    const cardText = plainSpaces(await card.textContent());
    expect(cardText).toContain("Expired");
    expect(cardText).toContain("Unpaid");
    expect(await main().getByRole("link", { name: "Return to payment" }).count()).toBe(0);
    expect(
      await main()
        .getByRole("button", { name: /^Cancel booking/ })
        .count(),
    ).toBe(0);

    // The released slot is offered again.
    await card.getByRole("link", { name: resource.name }).click();
    await page.waitForURL(`${baseUrl}/resources/${resource.id}`);
    await showDayOf(slot);
    await slotButton(slot).waitFor();
    expect(await slotButton(slot).isEnabled()).toBe(true);
  });

  /** Books the first free slot from tomorrow and pays for it; ends on the booking page, confirmed. */
  const payForFirstSlot = async (resourceId: string) => {
    const { page } = session;
    const slot = await bookFirstSlot(resourceId);
    await main().getByRole("button", { name: "Pay €25.00" }).click();
    await page.waitForURL(BOOKING_URL);
    await page.getByRole("status").filter({ hasText: "Booking confirmed" }).waitFor();
    return slot;
  };

  it("cancels a paid booking inside the free-cancellation window and says it is refunded in full", async () => {
    const { page } = session;
    const resource = await pricedResource("Drum Room");
    await signInAndOpen(resource.id, "sarah_vaughan");
    await payForFirstSlot(resource.id);

    await main()
      .getByRole("button", { name: /^Cancel booking/ })
      .click();
    const confirmation = main().getByText(/^Cancel your booking of Drum Room/);
    expect(plainSpaces(await confirmation.textContent())).toContain("You get €25.00 back in full.");
    // A member has no say about the refund: the policy decides, and the server refuses `refund` from them.
    expect(await main().getByRole("checkbox").count()).toBe(0);
    await main().getByRole("button", { name: "Yes, cancel it" }).click();

    const card = page.getByRole("status").filter({ hasText: "Booking cancelled" });
    await card.waitFor();
    const cardText = plainSpaces(await card.textContent());
    expect(cardText).toContain("Refunded");
    expect(cardText).toContain("Refunded €25.00 on");
    expect(cardText).toContain("cancelled before the free-cancellation deadline");
  });

  it("lets an admin cancel a paid booking without a refund from the bookings table", async () => {
    const { baseUrl, context, page } = session;
    const resource = await pricedResource("Mixing Suite");
    await signInAndOpen(resource.id, "etta_james");
    await payForFirstSlot(resource.id);
    await context.clearCookies();

    // admin@example.com was made an admin (with the default test password) when the resource was created.
    await page.goto(`${baseUrl}/sign-in?next=/admin/bookings`);
    await submitSignIn(page, "admin@example.com", "long enough 1");
    await page.waitForURL(`${baseUrl}/admin/bookings`);
    const table = main().getByRole("table");
    const row = table.getByRole("row").filter({ has: page.getByRole("cell", { name: resource.name, exact: true }) });
    await row.waitFor();
    expect(plainSpaces(await row.textContent())).toContain("Paid");

    await row.getByRole("button", { name: /^Cancel Mixing Suite/ }).click();
    const refund = table.getByRole("checkbox", { name: "Refund in full (€25.00)" });
    // Ticked by default: the policy would refund this far ahead of the start.
    expect(await refund.isChecked()).toBe(true);
    expect(plainSpaces(await table.textContent())).toContain("€25.00 is refunded in full.");
    await table.getByText("Refund in full (€25.00)").click();
    expect(await refund.isChecked()).toBe(false);
    expect(plainSpaces(await table.textContent())).toContain("Nothing is refunded.");
    await table.getByRole("button", { name: "Yes, cancel it" }).click();

    await expect.poll(async () => plainSpaces(await row.textContent())).toContain("Cancelled");
    expect(plainSpaces(await row.textContent())).toContain("Paid");
    expect(plainSpaces(await row.textContent())).not.toContain("Refund");
    expect(await table.getByRole("checkbox").count()).toBe(0);
  });

  it("says so when the checkout does not exist", async () => {
    const { baseUrl, page } = session;
    const resource = await pricedResource("Practice Room");
    await signInAndOpen(resource.id, "ella_fitzgerald");
    await page.goto(`${baseUrl}/dev/checkout/cs_local_doesnotexist`);
    // Polled for up to 15 s: expect.poll's default second is less than a loaded CI machine needs for the page.
    await expect
      .poll(() => page.getByRole("alert").textContent(), { timeout: 15_000 })
      .toContain("This checkout does not exist or local payment mode is off");
    expect(
      await main()
        .getByRole("region", { name: /Local payment mode/ })
        .count(),
    ).toBe(0);
  });
});
