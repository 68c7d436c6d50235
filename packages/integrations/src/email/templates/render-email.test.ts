import { pretty } from "@react-email/render";
import { describe, expect, it } from "vitest";
import type { BookingEmailDetails, RefundReason } from "./email-data.js";
import { emailSamples, sampleBooking } from "./email-samples.js";
import { EMAIL_TEMPLATE_NAMES, type EmailTemplateName, renderEmail, renderSms, SMS_MAX_LENGTH } from "./render-email.js";

function renderSample<N extends EmailTemplateName>(name: N) {
  return renderEmail(name, emailSamples[name]);
}

// Snapshots are React Email's output, not code to lint: it writes Outlook-only CSS (mso-…) that Biome rejects.
const HTML_SNAPSHOT_HEADER = "<!-- biome-ignore-all lint: React Email output with Outlook-only (mso-) CSS -->\n";

const booking = (overrides: Partial<BookingEmailDetails>): BookingEmailDetails => ({ ...sampleBooking, ...overrides });

describe("snapshots", () => {
  it.each(EMAIL_TEMPLATE_NAMES)("%s", async (name) => {
    const email = await renderSample(name);
    // Pretty-printed so a change shows as a readable diff; the sent HTML is the compact one.
    await expect(HTML_SNAPSHOT_HEADER + (await pretty(email.html))).toMatchFileSnapshot(`./__snapshots__/${name}.html`);
    await expect(`Subject: ${email.subject}\n\n${email.text}\n`).toMatchFileSnapshot(`./__snapshots__/${name}.txt`);
  });

  it("SMS", async () => {
    await expect(
      `${renderSms("booking-confirmed", { booking: sampleBooking })}\n\n${renderSms("booking-reminder", { booking: sampleBooking })}\n\n${renderSms("booking-rescheduled", { booking: sampleBooking })}\n\n${renderSms("waitlist-offer", { booking: sampleBooking })}\n`,
    ).toMatchFileSnapshot("./__snapshots__/sms.txt");
  });
});

describe("subjects", () => {
  it.each([
    ["verify-email", "Confirm your email address for Bookable"],
    ["reset-password", "Reset your Bookable password"],
    ["booking-confirmed", "Confirmed: Meeting Room A on Tue 1 Dec, 03:00 EST"],
    ["booking-held", "Payment needed: Meeting Room A on Tue 1 Dec, 03:00 EST"],
    ["booking-cancelled", "Cancelled: Meeting Room A on Tue 1 Dec, 03:00 EST"],
    ["booking-reminder", "Reminder: Meeting Room A on Tue 1 Dec, 03:00 EST"],
    ["booking-rescheduled", "Moved: Meeting Room A now on Wed 2 Dec, 08:00 EST"],
    ["payment-refunded", "Refund of €50.00: Meeting Room A on Tue 1 Dec, 03:00 EST"],
    ["waitlist-offer", "A seat is free: Meeting Room A on Tue 1 Dec, 03:00 EST"],
    ["webhook-endpoint-disabled", "Webhook endpoint disabled: https://hooks.example.org/bookable"],
  ] satisfies [EmailTemplateName, string][])("%s", async (name, subject) => {
    expect((await renderSample(name)).subject).toBe(subject);
  });

  it("uses the resource's local time when the attendee's zone is unknown, and keeps a subject on one line", async () => {
    const email = await renderEmail("booking-reminder", {
      booking: booking({
        resourceName: "Studio\r\nBcc: victim@example.com",
        start: "2026-07-14T16:30:00Z",
        end: "2026-07-14T17:30:00Z",
        resourceTimeZone: "Asia/Tokyo",
        attendeeTimeZone: null,
      }),
    });
    // Japan has no English abbreviation in CLDR: the offset stands in, as UTC (GMT+9 reads like British time).
    expect(email.subject).toBe("Reminder: Studio Bcc: victim@example.com on Wed 15 Jul, 01:30 UTC+9");
  });

  it("writes the subject in the attendee's zone and clock style", async () => {
    const email = await renderEmail("booking-reminder", { booking: booking({ attendeeHourCycle: "h12" }) });
    expect(email.subject).toBe("Reminder: Meeting Room A on Tue 1 Dec, 3:00 AM EST");
    const afternoon = await renderEmail("booking-reminder", {
      booking: booking({ start: "2026-12-01T18:30:00Z", end: "2026-12-01T19:00:00Z", attendeeHourCycle: "h12" }),
    });
    expect(afternoon.subject).toBe("Reminder: Meeting Room A on Tue 1 Dec, 1:30 PM EST");
    expect(afternoon.text).toContain(
      "When: Tuesday 1 December 2026, 1:30 PM – 2:00 PM EST (America/New_York) — 7:30 PM – 8:00 PM CET local time at the resource (Europe/Berlin)",
    );
  });
});

describe("time zones", () => {
  const when = async (details: BookingEmailDetails) => (await renderEmail("booking-reminder", { booking: details })).text;

  it("shows the attendee's time first, then the resource's when the zones differ, each with its short name", async () => {
    const text = await when(sampleBooking);
    expect(text).toContain(
      "When: Tuesday 1 December 2026, 03:00–04:00 EST (America/New_York) — 09:00–10:00 CET local time at the resource (Europe/Berlin)",
    );
  });

  it.each([
    ["the same zone", "Europe/Berlin"],
    ["an unknown zone", null],
    ["a zone with the same wall clock", "Europe/Paris"],
    ["an invalid zone", "Mars/Olympus_Mons"],
  ])("shows the time once for %s", async (_, attendeeTimeZone) => {
    const text = await when(booking({ attendeeTimeZone }));
    expect(text).toMatch(/When: Tuesday 1 December 2026, 09:00–10:00 CET \((Europe\/Berlin|Europe\/Paris)\)\n/);
    expect(text).not.toContain("local time at the resource");
  });

  it("gives the attendee's date when it is another day there", async () => {
    const text = await when(booking({ attendeeTimeZone: "Pacific/Honolulu" }));
    expect(text).toContain(
      "When: Monday 30 November 2026, 22:00–23:00 HST (Pacific/Honolulu) — Tuesday 1 December 2026, 09:00–10:00 CET local time at the resource",
    );
  });

  it("follows daylight saving time in each zone", async () => {
    // 31 March 2026: Berlin is on summer time (UTC+2) and New York too (UTC−4).
    const text = await when(booking({ start: "2026-03-31T07:00:00Z", end: "2026-03-31T08:00:00Z" }));
    expect(text).toContain("Tuesday 31 March 2026, 03:00–04:00 EDT (America/New_York) — 09:00–10:00 CEST local time");
  });

  it("writes both dates of a booking across midnight", async () => {
    const text = await when(booking({ start: "2026-12-01T21:00:00Z", end: "2026-12-01T23:30:00Z", attendeeTimeZone: null }));
    expect(text).toContain("When: Tuesday 1 December 2026, 22:00 – Wednesday 2 December 2026, 00:30 CET (Europe/Berlin)\n");
  });

  it("names both zones of a range across a change of offset", async () => {
    // 25 October 2026, 02:30 CEST to 02:30 CET: Berlin leaves summer time in between.
    const text = await when(booking({ start: "2026-10-25T00:30:00Z", end: "2026-10-25T01:30:00Z", attendeeTimeZone: null }));
    expect(text).toContain("When: Sunday 25 October 2026, 02:30 CEST–02:30 CET (Europe/Berlin)\n");
  });

  it("rejects an invalid instant", async () => {
    await expect(renderEmail("booking-reminder", { booking: booking({ start: "tomorrow" }) })).rejects.toThrow(
      /booking\.start is not a valid ISO instant/,
    );
  });
});

describe("booking-held", () => {
  it("names the price, the deadline in both zones and links to the checkout", async () => {
    const email = await renderSample("booking-held");
    expect(email.text).toContain(
      "pay €50.00 by Tuesday 24 November 2026, 08:30 EST (America/New_York) — 14:30 CET local time at the resource",
    );
    expect(email.text).toContain("Pay by: Tuesday 24 November 2026, 08:30 EST (America/New_York)");
    expect(email.text).toContain(`Pay €50.00 ${emailSamples["booking-held"].checkoutUrl}`);
    expect(email.html).toContain(`href="${emailSamples["booking-held"].checkoutUrl}"`);
  });
});

describe("booking-cancelled", () => {
  const cancelled = async (data: Omit<(typeof emailSamples)["booking-cancelled"], "booking">) =>
    (await renderEmail("booking-cancelled", { booking: sampleBooking, ...data })).text;
  const eur = (amount: number) => ({ amount, currency: "EUR" });

  it.each([
    ["pending", "We are refunding €50.00", "Refund: €50.00, on its way"],
    ["succeeded", "We have refunded €50.00", "Refund: €50.00, sent"],
    ["failed", "We tried to refund €50.00 to the card or account you paid with, but the refund failed", "Refund: €50.00, failed"],
  ] as const)("says a %s refund's amount and state", async (status, sentence, fact) => {
    const text = await cancelled({ cancelledBy: "admin", refund: { amount: eur(5000), status }, paid: true });
    expect(text).toContain("has been cancelled by an administrator");
    expect(text).toContain(sentence);
    expect(text).toContain(fact);
  });

  it("says that a paid booking cancelled late is not refunded", async () => {
    const text = await cancelled({ cancelledBy: "booker", refund: null, paid: true });
    expect(text).toContain("As you asked, your booking of Meeting Room A is cancelled.");
    expect(text).toContain("after its free cancellation period had ended, so your payment is not refunded");
    expect(text).toContain("Refund: none");
  });

  it("quotes the canceller's reason, and has no reason line without one", async () => {
    const text = await cancelled({ cancelledBy: "booker", reason: "My train was cancelled.", refund: null, paid: false });
    expect(text).toContain("Reason: My train was cancelled.");
    const without = await cancelled({ cancelledBy: "booker", reason: null, refund: null, paid: false });
    expect(without).not.toContain("Reason:");
  });

  it("says there is nothing to refund for an unpaid booking", async () => {
    const text = await cancelled({ cancelledBy: "booker", refund: null, paid: false });
    expect(text).toContain("No payment was taken for this booking, so there is nothing to refund.");
    expect(text).not.toContain("Refund:");
  });
});

describe("booking-rescheduled", () => {
  it("gives the new time as the booking's and the old one as what it was, in both zones", async () => {
    const email = await renderSample("booking-rescheduled");
    expect(email.text).toContain(
      "When: Wednesday 2 December 2026, 08:00–09:00 EST (America/New_York) — 14:00–15:00 CET local time at the resource (Europe/Berlin)",
    );
    expect(email.text).toContain(
      "Was: Tuesday 1 December 2026, 03:00–04:00 EST (America/New_York) — 09:00–10:00 CET local time at the resource (Europe/Berlin)",
    );
    expect(email.html).toContain(`href="${emailSamples["booking-rescheduled"].calendarUrl}"`);
  });
});

describe("payment-refunded", () => {
  const reasons: Record<RefundReason, string> = {
    cancelled_in_free_window: "You cancelled your booking before its free cancellation period ended",
    cancelled_by_admin: "Your booking was cancelled by an administrator",
    late_payment_slot_taken: "your payment arrived after the time to pay had run out, and meanwhile someone else booked the slot",
    paid_after_cancellation: "Your payment arrived after the booking had already been cancelled",
    refunded_at_provider: "This payment was refunded directly through our payment provider",
  };

  it.each(Object.entries(reasons) as [RefundReason, string][])("explains %s", async (reason, sentence) => {
    const email = await renderEmail("payment-refunded", {
      booking: sampleBooking,
      refund: { amount: 3000, currency: "JPY" },
      reason,
    });
    expect(email.text).toContain(sentence);
    for (const [other, otherSentence] of Object.entries(reasons)) {
      if (other !== reason) expect(email.text).not.toContain(otherSentence);
    }
    // JPY has no minor digits: 3000 minor units are ¥3,000.
    expect(email.text).toContain("¥3,000 is being refunded");
    expect(email.subject).toBe("Refund of ¥3,000: Meeting Room A on Tue 1 Dec, 03:00 EST");
  });
});

describe("escaping", () => {
  const script = "<script>alert(1)</script>";
  const img = '"><img src=x onerror=alert(1)>';

  it("escapes names in the HTML and keeps them literal in the text", async () => {
    const email = await renderEmail("booking-confirmed", {
      booking: booking({ attendeeName: script, resourceName: img }),
      paid: null,
    });
    expect(email.html).not.toContain("<script");
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;,");
    expect(email.html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(email.text).toContain(`Hello ${script},`);
    expect(email.subject).toBe(`Confirmed: ${img} on Tue 1 Dec, 03:00 EST`);
  });

  it("escapes a username in the account emails", async () => {
    const email = await renderEmail("verify-email", {
      username: script,
      link: "https://bookable.example.com/verify-email?token=a&b=c",
    });
    expect(email.html).not.toContain("<script");
    expect(email.html).toContain("&lt;script&gt;");
    expect(email.html).toContain('href="https://bookable.example.com/verify-email?token=a&amp;b=c"');
  });
});

describe("text version", () => {
  it("has the call to action once, and no inbox preview line", async () => {
    const email = await renderSample("verify-email");
    const link = emailSamples["verify-email"].link;
    expect(email.text.split(link)).toHaveLength(2);
    expect(email.text).toContain(`Confirm email address ${link}`);
    expect(email.text).not.toContain("to finish setting up your Bookable account.\u00a0");
    expect(email.text).toMatch(/^Bookable\n/);
  });

  it("ends with the footer saying why the email came", async () => {
    for (const name of EMAIL_TEMPLATE_NAMES) {
      expect((await renderSample(name)).text).toMatch(/Bookable — you receive this because [^\n]+\.$/);
    }
  });

  it("rejects an unknown template", async () => {
    await expect(renderEmail("nope" as EmailTemplateName, emailSamples["verify-email"] as never)).rejects.toThrow(
      /Unknown email template/,
    );
  });
});

describe("SMS", () => {
  const urls = (text: string) => text.match(/https?:\/\/\S+/g) ?? [];

  it.each(["booking-confirmed", "booking-reminder", "booking-rescheduled"] as const)(
    "%s is short and links only to the booking",
    (template) => {
      const sms = renderSms(template, { booking: sampleBooking });
      expect(sms.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(sms).toContain("Meeting Room A");
      expect(sms).toContain("Tue 1 Dec 2026, 03:00-04:00 EST (09:00-10:00 CET local time)");
      expect(urls(sms)).toEqual([sampleBooking.bookingUrl]);
    },
  );

  it("shortens a long resource name, between graphemes, and keeps the URL", () => {
    const resourceName = `${"Big conference hall ".repeat(20)}👩‍👩‍👧‍👦`;
    for (const padding of [0, 1, 2, 3, 5, 8, 13]) {
      const sms = renderSms("booking-confirmed", {
        booking: booking({ resourceName: `${"x".repeat(padding)}${"👩‍👩‍👧‍👦".repeat(60)}${resourceName}` }),
      });
      expect(sms.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(sms).toContain("...");
      expect(urls(sms)).toEqual([sampleBooking.bookingUrl]);
      expect(sms).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/); // no lone high surrogate
      expect(sms).not.toMatch(/\u200d\.\.\./); // no family emoji cut after a joiner
    }
  });

  it("writes 12-hour times in ASCII when the attendee reads a 12-hour clock", () => {
    const sms = renderSms("booking-reminder", { booking: booking({ attendeeHourCycle: "h12" }) });
    expect(sms).toContain("Tue 1 Dec 2026, 3:00 AM - 4:00 AM EST (9:00 AM - 10:00 AM CET local time)");
    expect(sms).toMatch(/^[\x20-\x7e]*$/);
  });

  it("has no line breaks from a name", () => {
    const sms = renderSms("booking-reminder", { booking: booking({ resourceName: "Room\nA" }) });
    expect(sms).not.toContain("\n");
    expect(sms).toContain("Bookable reminder: Room A,");
  });
});
