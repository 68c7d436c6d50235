import { describe, expect, it } from "vitest";
import type { EmailMessage } from "./email-sender.js";
import { LocalEmailSender } from "./local-email-sender.js";

function email(overrides: Partial<EmailMessage> = {}): EmailMessage {
  return { to: "ada@example.com", subject: "Confirmed", text: "See you.", template: "booking-confirmed", ...overrides };
}

describe("LocalEmailSender", () => {
  it("records a repeated idempotency key once and returns the first id, as Resend does", async () => {
    const mailbox = new LocalEmailSender();

    const first = await mailbox.send(email({ idempotencyKey: "k1" }));
    const again = await mailbox.send(email({ idempotencyKey: "k1", subject: "Changed" }));
    const other = await mailbox.send(email({ idempotencyKey: "k2" }));

    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(mailbox.messages().map((message) => [message.id, message.subject])).toEqual([
      [other.id, "Confirmed"],
      [first.id, "Confirmed"],
    ]);
  });

  it("keeps attachments and every message without a key", async () => {
    const mailbox = new LocalEmailSender();
    const attachments = [{ filename: "booking.ics", content: "BEGIN:VCALENDAR", contentType: "text/calendar" }];

    await mailbox.send(email({ attachments }));
    await mailbox.send(email({ attachments }));

    expect(mailbox.messages()).toHaveLength(2);
    expect(mailbox.messages()[0]).toMatchObject({ attachments, id: expect.stringMatching(/^local_/) });
  });
});

describe("LocalEmailSender.sendBatch", () => {
  it("sends each message in turn, in order, with the same idempotency as single sends", async () => {
    const mailbox = new LocalEmailSender();
    const first = await mailbox.send(email({ idempotencyKey: "k1" }));

    const results = await mailbox.sendBatch([email({ idempotencyKey: "k1" }), email({ idempotencyKey: "k2", subject: "Two" })]);

    expect(results).toEqual([
      { ok: true, id: first.id },
      { ok: true, id: expect.stringMatching(/^local_/) },
    ]);
    expect(mailbox.messages().map((message) => message.subject)).toEqual(["Two", "Confirmed"]);
  });
});
