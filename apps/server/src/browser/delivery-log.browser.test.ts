// The admin's delivery log in a real browser (issue 13): above the log, the queue says how many messages are
// due and waiting, by priority, and which has waited longest, and it updates by itself once the workers
// catch up. Run `pnpm build` first (the test command does).
import { enqueueNotifications, NOTIFICATION_QUEUE, type NotificationRequest, startNotificationWorker } from "@bookable/core";
import { chromiumPath } from "@bookable/testing/chromium";
import { describe, expect, it } from "vitest";
import { registerAccount, verifyEmailOf } from "../../test/account-helpers.js";
import { plainSpaces } from "../../test/browser-booking-helpers.js";
import { submitSignIn, useBrowserSession } from "../../test/browser-session.js";

if (!chromiumPath) console.warn("Browser tests skipped: Chromium is not installed (apt-get install -y chromium).");

const booking = {
  attendeeName: "Nina Simone",
  resourceName: "Studio",
  start: new Date(Date.now() + 86_400_000).toISOString(),
  end: new Date(Date.now() + 90_000_000).toISOString(),
  resourceTimeZone: "Europe/Berlin",
  attendeeTimeZone: null,
  seats: 1,
  bookingUrl: "https://bookable.test/bookings/x",
};

describe.skipIf(!chromiumPath)("the delivery log in the browser", () => {
  const session = useBrowserSession({ environment: { AUTH_RATE_LIMIT_PER_MINUTE: "1000" } });

  it("shows the backlog and the oldest due message, and that nothing waits once the workers catch up", async () => {
    const { server, page, baseUrl } = session;
    const admin = await registerAccount(server, { email: "admin@example.com" });
    await verifyEmailOf(server, admin);
    const { jobs, outbox, delivery } = server.app.services;
    // The workers pause, so messages pile up as behind a worker that cannot keep up.
    await jobs.offWork(NOTIFICATION_QUEUE, { wait: true });
    const reminder = (recipient: string): NotificationRequest => ({
      channel: "email",
      template: "booking-reminder",
      recipient,
      data: { booking },
    });
    await server.database.db.transaction(async (transaction) => {
      await enqueueNotifications(transaction, outbox, [reminder("first-reminded@example.com"), reminder("second@example.com")]);
    });
    await server.database.db.transaction(async (transaction) => {
      await enqueueNotifications(transaction, outbox, [
        {
          channel: "email",
          template: "verify-email",
          recipient: "new@example.com",
          data: { username: "new", link: "https://x" },
        },
      ]);
    });

    await page.goto(`${baseUrl}/sign-in?next=/admin/notifications`);
    await submitSignIn(page, admin.email, admin.password);
    await page.waitForURL(`${baseUrl}/admin/notifications`);
    const queue = page.getByRole("region", { name: "Queue" });
    await queue.getByText("3 messages due and waiting").waitFor();
    const text = plainSpaces(await queue.textContent());
    expect(text).toContain(
      "1 urgent (confirmations, payment requests, account links), 0 normal (cancellations, refunds), 2 bulk (reminders)",
    );
    expect(text).toMatch(
      /Oldest due: Booking reminder \(Email\) to first-reminded@example\.com, due since .+ \(waiting \d+ seconds?\)/,
    );

    // The workers start again and deliver; the page sees it without being reloaded.
    await startNotificationWorker(jobs, delivery, { pollingIntervalSeconds: 0.5, concurrency: 1, batchSize: 10 });
    await queue.getByText("Nothing is waiting").waitFor({ timeout: 20_000 });
  });
});
