// Booking in a real browser (Debian's Chromium through playwright-core) against the real server and the
// built web app: a member signs up, picks a date in the month calendar and a slot, books it, finds it under "My
// bookings", cancels it and sees the slot free again; a visitor is sent to sign in and back; and a slot
// taken by someone else meanwhile is reported and refreshed. Run `pnpm build` first (the test command does).

import { chromiumPath } from "@bookable/testing/chromium";
import { beforeAll, describe, expect, it } from "vitest";
import { bearer, registerAccount, registerVerifiedAccount, tokenPair, verifyEmailOf } from "../../test/account-helpers.js";
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

if (!chromiumPath) console.warn("Browser tests skipped: Chromium is not installed (apt-get install -y chromium).");

// The viewer (VIEWER_ZONE) and the resource (RESOURCE_ZONE) are on different continents, so every time
// on screen must be converted; these write a time as each side's clock shows it.
const viewerTime = (iso: string) =>
  plainSpaces(new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: VIEWER_ZONE }).format(new Date(iso)));
const resourceTime = (iso: string) =>
  plainSpaces(new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: RESOURCE_ZONE }).format(new Date(iso)));
/** A booking's time as the pages write it ("Thursday, March 12, 2026, 2:00 – 3:00 AM") in `timeZone`. */
const timeRange = (slot: Slot, timeZone: string) =>
  plainSpaces(
    new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeStyle: "short", timeZone }).formatRange(
      new Date(slot.start),
      new Date(slot.end),
    ),
  );

describe.skipIf(!chromiumPath)("booking in the browser", () => {
  // A context of its own per test: no cookie is carried over, and the clock reads New York time.
  const session = useBrowserSession({ environment: { AUTH_RATE_LIMIT_PER_MINUTE: "1000" }, context: VIEWER_CONTEXT });
  let resource: { id: string; name: string };

  beforeAll(async () => {
    const { server } = session;
    // The resource is set up as an admin would through the REST API: admin@example.com is in the test
    // server's ADMIN_EMAILS and becomes an admin once the address is confirmed through the emailed link.
    const admin = await registerAccount(server, { email: "admin@example.com" });
    await verifyEmailOf(server, admin);
    const { accessToken } = await tokenPair(server, admin);
    const created = await server.postJson(
      "/api/v1/resources",
      {
        name: "Studio Kreuzberg",
        description: "A quiet room with a piano.",
        timeZone: RESOURCE_ZONE,
        slotMinutes: 60,
        weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "08:00", end: "20:00" })),
        minNoticeMinutes: 0,
        capacity: 1,
        price: { amount: 0, currency: "EUR" },
      },
      bearer(accessToken),
    );
    expect(created.statusCode).toBe(201);
    resource = created.json();
  });

  const header = () => session.page.getByRole("banner");
  const main = () => session.page.getByRole("main");

  /** Goes to the resource's page the way a person does: "Book" in the header, then the resource. */
  const openResourceFromHeader = async () => {
    const { page, baseUrl } = session;
    await header().getByRole("link", { name: "Book", exact: true }).click();
    await page.waitForURL(`${baseUrl}/resources`);
    await main().getByRole("link", { name: resource.name }).click();
    await page.waitForURL(`${baseUrl}/resources/${resource.id}`);
    await main().getByRole("heading", { name: resource.name, level: 1 }).waitFor();
  };

  it("books a slot, lists it under My bookings, cancels it, and the slot is free again", async () => {
    const { server, baseUrl, context, page } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    await page.goto(`${baseUrl}/sign-up`);
    await page.getByLabel("Username").fill("clara_schumann");
    await page.getByLabel("Email").fill("clara@example.com");
    await page.getByLabel("Password").fill("piano concerto 1835");
    await page.getByRole("button", { name: "Create account" }).click();
    await header().getByRole("link", { name: "clara_schumann", exact: true }).waitFor();
    // Booking needs a confirmed address: Clara opens the emailed link (the page below loads afresh).
    await verifyEmailOf(server, { email: "clara@example.com", password: "piano concerto 1835" });

    await page.goto(`${baseUrl}/`);
    await main().getByRole("link", { name: "Find a time to book" }).click();
    await page.waitForURL(`${baseUrl}/resources`);
    const card = main().getByRole("article").filter({ hasText: resource.name });
    expect(await card.textContent()).toContain("Free");
    expect(await card.textContent()).toContain("1 h");
    await card.getByRole("link", { name: resource.name }).click();
    await page.waitForURL(`${baseUrl}/resources/${resource.id}`);

    const [slot] = await slotsFromTomorrow(server, resource.id);
    if (!slot) throw new Error("The resource offers no slot in the next days");
    await showDayOf(slot);
    const pickerText = plainSpaces(await main().textContent());
    expect(pickerText).toContain("your time zone, America/New York");
    expect(pickerText).toContain("Europe/Berlin");
    // Shown on the viewer's clock, not the resource's: 08:00 in Berlin is 2:00 or 3:00 AM in New York.
    expect(plainSpaces(await slotButton(slot).textContent())).toBe(viewerTime(slot.start));
    expect(viewerTime(slot.start)).not.toBe(resourceTime(slot.start));

    await slotButton(slot).click();
    expect(await slotButton(slot).getAttribute("aria-pressed")).toBe("true");
    // Prefilled from the account.
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("clara_schumann");
    expect(await page.getByLabel("Email", { exact: true }).inputValue()).toBe("clara@example.com");
    await page.getByLabel("Name", { exact: true }).fill("Clara Schumann");
    await page.getByLabel("Phone (optional)").fill("+4915112345678");
    await page.getByLabel("Notes").fill("Tuning the piano first, please.");
    await page.getByRole("button", { name: "Book this slot" }).click();

    await page.waitForURL(new RegExp(`^${baseUrl}/bookings/[0-9a-f-]{36}$`));
    const bookingId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const confirmation = page.getByRole("status").filter({ hasText: "Booking confirmed" });
    await confirmation.waitFor();
    const confirmationText = plainSpaces(await confirmation.textContent());
    expect(confirmationText).toContain(resource.name);
    expect(confirmationText).toContain("Clara Schumann");
    expect(confirmationText).toContain("+4915112345678");
    expect(confirmationText).toContain(timeRange(slot, VIEWER_ZONE));
    expect(confirmationText).toContain(timeRange(slot, RESOURCE_ZONE));

    // The calendar file is a plain link that the session cookie authorises.
    const calendarLink = main().getByRole("link", { name: "Add to calendar" });
    expect(await calendarLink.getAttribute("href")).toBe(`/api/v1/bookings/${bookingId}/calendar.ics`);
    const calendar = await context.request.get(`${baseUrl}/api/v1/bookings/${bookingId}/calendar.ics`);
    expect(calendar.status()).toBe(200);
    expect(calendar.headers()["content-type"]).toContain("text/calendar");
    expect(await calendar.text()).toContain("BEGIN:VCALENDAR");

    // The booked slot has no seat left, so the calendar no longer offers it.
    await openResourceFromHeader();
    await showDayOf(slot);
    expect(await slotButton(slot).count()).toBe(0);

    await header().getByRole("link", { name: "My bookings" }).click();
    await page.waitForURL(`${baseUrl}/bookings`);
    const upcoming = main().getByRole("list", { name: "Upcoming bookings" });
    const row = upcoming.getByRole("listitem").filter({ hasText: resource.name });
    await row.waitFor();
    expect(await row.textContent()).toContain("Confirmed");
    expect(plainSpaces(await row.textContent())).toContain(timeRange(slot, VIEWER_ZONE));

    // Nothing is cancelled until the second, confirming press.
    await row.getByRole("button", { name: /^Cancel/ }).click();
    await row.getByRole("button", { name: "Keep it" }).click();
    expect(await row.textContent()).toContain("Confirmed");
    await row.getByRole("button", { name: /^Cancel/ }).click();
    await row.getByRole("button", { name: "Yes, cancel it" }).click();
    // A cancelled booking leaves Upcoming for the Cancelled tab (issue 15), and is not a past one either.
    await expect.poll(() => row.count()).toBe(0);
    await main().getByRole("tab", { name: "Past" }).click();
    await main().getByText("No past bookings").waitFor();
    await main().getByRole("tab", { name: "Cancelled" }).click();
    const cancelled = main()
      .getByRole("list", { name: "Cancelled bookings" })
      .getByRole("listitem")
      .filter({ hasText: resource.name });
    await expect.poll(() => cancelled.textContent()).toContain("Cancelled");
    expect(await cancelled.getByRole("button", { name: /^Cancel/ }).count()).toBe(0);

    await openResourceFromHeader();
    await showDayOf(slot);
    await slotButton(slot).waitFor();
    expect(await slotButton(slot).isEnabled()).toBe(true);
  });

  it("sends the confirmation by email (with the calendar file) and by SMS, shown in the dev mailbox", async () => {
    const { server, baseUrl, page } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    await signInAsFreshMember(session, { username: "lili_boulanger", next: `/resources/${resource.id}` });
    const slots = await slotsFromTomorrow(server, resource.id);
    // Another test may hold the first slot; any free one will do.
    const slot = slots.at(-1);
    if (!slot) throw new Error("The resource offers no slot in the next days");
    await showDayOf(slot);
    await slotButton(slot).click();
    await page.getByLabel("Name", { exact: true }).fill("Lili Boulanger");
    const smsOptIn = page.getByRole("checkbox", { name: /by SMS/ });
    expect(await smsOptIn.isDisabled()).toBe(true);
    await page.getByLabel("Phone (optional)").fill("+4930123456789");
    // react-aria draws its own box over a visually hidden input: a person clicks the label.
    await page.getByText("Send me the confirmation and a reminder by SMS").click();
    expect(await smsOptIn.isChecked()).toBe(true);
    await page.getByRole("button", { name: "Book this slot" }).click();
    await page.waitForURL(new RegExp(`^${baseUrl}/bookings/[0-9a-f-]{36}$`));
    await page.getByRole("status").filter({ hasText: "Booking confirmed" }).waitFor();

    // The worker delivers within moments; the mailbox page refreshes by itself.
    await page.goto(`${baseUrl}/dev/mailbox`);
    // Other tests' confirmations are in the mailbox too: this one is found by its recipient.
    const email = main()
      .getByRole("article")
      .filter({ hasText: `Confirmed: ${resource.name}` })
      .filter({ hasText: "lili_boulanger@example.com" });
    await email.waitFor({ timeout: 20_000 });
    expect(plainSpaces(await email.textContent())).toMatch(
      /Add it to your calendar: Google Calendar \S+ · Outlook \S+ · \S+\/calendar\.ics\?key=/,
    );
    await main().getByRole("tab", { name: /SMS/ }).click();
    const sms = main().getByRole("article").filter({ hasText: "+4930123456789" });
    await sms.waitFor({ timeout: 20_000 });
    expect(plainSpaces(await sms.textContent())).toContain(resource.name);
  });

  it("asks a member whose email is unconfirmed to confirm it before booking, resends the link, then offers the form", async () => {
    const { server, page } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    const member = await signInAsFreshMember(session, {
      username: "clara_wieck",
      next: `/resources/${resource.id}`,
      verified: false,
    });
    const [slot] = await slotsFromTomorrow(server, resource.id);
    if (!slot) throw new Error("The resource offers no slot in the next days");
    await showDayOf(slot);
    await slotButton(slot).click();

    await main().getByRole("heading", { name: "Confirm your email to book" }).waitFor();
    expect(plainSpaces(await main().textContent())).toContain("clara_wieck@example.com");
    expect(await page.getByLabel("Name", { exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Book this slot" }).count()).toBe(0);

    const mailboxBefore =
      server.app.services.localMailbox?.messages().filter((message) => message.to === member.email).length ?? 0;
    await main().getByRole("button", { name: "Resend confirmation email" }).click();
    const sent = main().getByRole("status").filter({ hasText: "Confirmation email sent" });
    await sent.waitFor();
    expect(plainSpaces(await sent.textContent())).toContain(`We have sent a new link to ${member.email}`);
    expect(await main().getByRole("button", { name: "Resend confirmation email" }).count()).toBe(0);
    await expect
      .poll(() => server.app.services.localMailbox?.messages().filter((message) => message.to === member.email).length ?? 0, {
        timeout: 20_000,
      })
      .toBeGreaterThan(mailboxBefore);

    // The owner opens the link; back on the page, the form is there.
    await verifyEmailOf(server, member);
    await page.reload();
    await showDayOf(slot);
    await slotButton(slot).click();
    await page.getByRole("button", { name: "Book this slot" }).waitFor();
    expect(await main().getByRole("heading", { name: "Confirm your email to book" }).count()).toBe(0);
  });

  it("asks a visitor to sign in before booking and brings them back to the resource", async () => {
    const { server, baseUrl, page } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    const member = await registerAccount(server, { username: "fanny_hensel", email: "fanny@example.com" });
    await page.goto(`${baseUrl}/resources/${resource.id}`);
    const [slot] = await slotsFromTomorrow(server, resource.id);
    if (!slot) throw new Error("The resource offers no slot in the next days");
    await showDayOf(slot);
    await slotButton(slot).click();

    expect(await page.getByLabel("Name", { exact: true }).count()).toBe(0);
    const signInLink = main().getByRole("link", { name: "Sign in to book" });
    expect(await signInLink.getAttribute("href")).toBe(`/sign-in?next=/resources/${resource.id}`);
    await signInLink.click();
    await page.waitForURL(`${baseUrl}/sign-in?next=/resources/${resource.id}`);
    await submitSignIn(page, member.email, member.password);
    await page.waitForURL(`${baseUrl}/resources/${resource.id}`);
    await header().getByRole("link", { name: "fanny_hensel", exact: true }).waitFor();
    await header().getByRole("link", { name: "My bookings" }).waitFor();
    // Members see no admin section.
    expect(await header().getByRole("link", { name: "Admin", exact: true }).count()).toBe(0);
  });

  it("says so when someone else books the slot first, and offers the remaining ones", async () => {
    const { server, page } = session;
    const { slotButton, showDayOf } = monthSlotPicker(page);
    await signInAsFreshMember(session, { username: "robert_s", email: "robert@example.com", next: `/resources/${resource.id}` });
    const rival = await tokenPair(server, await registerVerifiedAccount(server));

    const [, slot] = await slotsFromTomorrow(server, resource.id);
    if (!slot) throw new Error("The resource offers too few slots in the next days");
    await showDayOf(slot);
    await slotButton(slot).click();
    await page.getByRole("button", { name: "Book this slot" }).waitFor();

    // While the form is open, someone else takes the slot.
    const taken = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee: { name: "Rival", email: "rival@example.com" } },
      bearer(rival.accessToken),
    );
    expect(taken.statusCode).toBe(201);

    await page.getByRole("button", { name: "Book this slot" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Someone else just booked this slot");
    // The free times were fetched again: the slot is gone, and so is the form for it.
    await expect.poll(() => slotButton(slot).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Book this slot" }).count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe(`/resources/${resource.id}`);
  });
});
