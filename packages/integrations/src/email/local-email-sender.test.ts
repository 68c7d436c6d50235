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

  it("hands what it sends to listeners, and keeps a message another process sent with its key", async () => {
    const first = new LocalEmailSender();
    const second = new LocalEmailSender();
    // What the cluster does between server processes: each one's sends are recorded by the other.
    first.onSent((entry) => second.record(entry));

    const sent = await first.send(email({ idempotencyKey: "k1" }));
    expect(second.messages().map((message) => message.id)).toEqual([sent.id]);
    // A retry of that message through the second process sends nothing again and answers the first id.
    expect((await second.send(email({ idempotencyKey: "k1" }))).id).toBe(sent.id);
    expect(second.messages()).toHaveLength(1);
    // Recorded messages are not handed on again (no echo between processes).
    const echoed: string[] = [];
    second.onSent((entry) => echoed.push(entry.id));
    second.record({ ...email(), id: "local_elsewhere", sentAt: new Date() });
    expect(echoed).toEqual([]);
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
