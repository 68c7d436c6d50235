// Resend's limits (issue 13): batches through POST /emails/batch, its rate of 5 requests a second, its 429s,
// and idempotency per message, against the fake that enforces them and validates against Resend's document.

import { type FakeResendServer, startFakeResendServer } from "@bookable/testing";
import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BatchSendResult, EmailMessage, EmailSender } from "./email-sender.js";
import { batchKey, createResendEmailSender, type ResendEmailSenderOptions } from "./resend-email-sender.js";

const apiKey = "re_test_5ecr3tKey";
const from = "Bookable <bookings@bookable.test>";
let server: FakeResendServer;

beforeAll(async () => {
  server = await startFakeResendServer();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.reset();
  server.limitRate(5);
});

function sender(options: Partial<ResendEmailSenderOptions> = {}): EmailSender {
  return createResendEmailSender({ apiKey, from, baseUrl: server.url, ...options });
}

function reminders(count: number, start = 0): EmailMessage[] {
  return Array.from({ length: count }, (_, offset) => {
    const n = start + offset;
    return {
      to: `attendee${n}@example.com`,
      subject: `Reminder ${n}`,
      text: `Your booking ${n} is tomorrow.`,
      html: `<p>Your booking ${n} is tomorrow.</p>`,
      template: "booking-reminder",
      idempotencyKey: `bookable-notification-${n}`,
    };
  });
}

function withInvite(message: EmailMessage): EmailMessage {
  return {
    ...message,
    template: "booking-confirmed",
    attachments: [{ filename: "booking.ics", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", contentType: "text/calendar" }],
  };
}

function ids(results: BatchSendResult[]): string[] {
  return results.map((result) => (result.ok ? result.id : `error: ${result.error.message}`));
}

describe("Resend batches", () => {
  it("sends 250 messages in 3 batch calls, each message once and its id in its slot", async () => {
    const messages = reminders(250);

    const results = await sender().sendBatch(messages);

    const calls = server.requestsTo("POST", "/emails");
    expect(calls.map((call) => [call.path, Array.isArray(call.body) ? call.body.length : 1])).toEqual([
      ["/emails/batch", 100],
      ["/emails/batch", 100],
      ["/emails/batch", 50],
    ]);
    expect(calls.map((call) => call.headers["x-batch-validation"])).toEqual(["permissive", "permissive", "permissive"]);
    expect(calls[0]?.idempotencyKey).toBe(batchKey(messages.slice(0, 100).map((message) => `${message.idempotencyKey}`)));
    const byId = new Map(server.sentEmails().map((email) => [email.id, email]));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(ids(results).map((id) => byId.get(id)?.to)).toEqual(messages.map((message) => [message.to]));
    expect(server.messageKeyCounts().size).toBe(250);
    expect(server.duplicateMessageKeys()).toEqual([]);
    server.assertAllRequestsValid();
  });

  it("sends messages with attachments one by one, since Resend's batches take none", async () => {
    const [first, second, third, fourth] = reminders(4);
    const messages = [withInvite(first as EmailMessage), second, third, withInvite(fourth as EmailMessage)] as EmailMessage[];

    const results = await sender().sendBatch(messages);

    expect(results.every((result) => result.ok)).toBe(true);
    const calls = server.requestsTo("POST", "/emails");
    expect(calls.map((call) => call.path).sort()).toEqual(["/emails", "/emails", "/emails/batch"]);
    const invites = server.sentEmails().filter((email) => email.attachments.length > 0);
    expect(invites.map((email) => email.messageKey).sort()).toEqual([first?.idempotencyKey, fourth?.idempotencyKey].sort());
    server.assertAllRequestsValid();
  });

  it("has the fake refuse a batch with an attachment, as Resend does", async () => {
    const response = await new Resend(apiKey, { baseUrl: server.url }).batch.send([
      { from, to: "ada@example.com", subject: "Hi", text: "Hi", attachments: [{ filename: "a.txt", content: "aGk=" }] },
      { from, to: "bob@example.com", subject: "Hi", text: "Hi" },
    ] as Parameters<Resend["batch"]["send"]>[0]);

    expect(response.error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(server.sentEmails()).toEqual([]);
    expect(() => server.assertAllRequestsValid()).toThrow(/not supported in batch sending/);
  });

  it("has the fake refuse a whole batch in Resend's default strict mode, and a batch of more than 100", async () => {
    const client = new Resend(apiKey, { baseUrl: server.url });
    const email = (to: string) => ({ from, to, subject: "Hi", text: "Hi" });

    const strict = await client.batch.send([email("ada@example.com"), email("not an address")]);
    const tooMany = await client.batch.send(Array.from({ length: 101 }, (_, n) => email(`a${n}@example.com`)));

    expect(strict.error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(tooMany.error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(server.sentEmails()).toEqual([]);
    expect(server.invalidRequests.map((invalid) => invalid.message)).toEqual(["A batch holds 1 to 100 emails, not 101."]);
  });

  it("reports a refused address in its own slot and sends the others", async () => {
    const messages = reminders(3);
    messages[1] = { ...(messages[1] as EmailMessage), to: "not an address" };

    const results = await sender().sendBatch(messages);

    expect(results.map((result) => result.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({ ok: false, error: { retriable: false, status: 422, code: "validation_error" } });
    expect(server.sentEmails().map((email) => email.to)).toEqual([[messages[0]?.to], [messages[2]?.to]]);
    expect(ids([results[0], results[2]] as BatchSendResult[])).toEqual(server.sentEmails().map((email) => email.id));
    server.assertAllRequestsValid();
  });

  it("sends the same batch again as a replay, not twice", async () => {
    const messages = reminders(5);

    const first = await sender().sendBatch(messages);
    const again = await sender().sendBatch(messages);

    expect(ids(again)).toEqual(ids(first));
    expect(server.requestsTo("POST", "/emails/batch").map((request) => request.idempotentReplayed)).toEqual([false, true]);
    expect(server.sentEmails()).toHaveLength(5);
  });

  it("after an answer lost on the way, repeats that very batch for its messages, whatever they come with", async () => {
    const email = sender();
    const messages = reminders(6);
    server.loseNextAnswer("POST", "/emails/batch", 500);

    const lost = await email.sendBatch(messages.slice(0, 4));
    // The queue retries them in another composition: two of them with two new messages, then the others.
    const retried = await email.sendBatch([messages[2], messages[3], messages[4], messages[5]] as EmailMessage[]);
    const rest = await email.sendBatch([messages[0], messages[1]] as EmailMessage[]);

    expect(lost.every((result) => !result.ok && result.error.retriable)).toBe(true);
    expect(retried.every((result) => result.ok)).toBe(true);
    expect(rest.every((result) => result.ok)).toBe(true);
    const batches = server.requestsTo("POST", "/emails/batch");
    expect(batches[1]).toMatchObject({ idempotencyKey: batches[0]?.idempotencyKey, idempotentReplayed: true });
    expect(server.sentEmails()).toHaveLength(6);
    expect(server.duplicateMessageKeys()).toEqual([]);
    // The messages of the repeated request that were not asked for were answered from it, without a request.
    expect(server.requestsTo("POST", "/emails")).toHaveLength(3);
    const sentIds = new Set(server.sentEmails().map((sent) => sent.id));
    expect([...ids(retried), ...ids(rest)].every((id) => sentIds.has(id))).toBe(true);
    server.assertAllRequestsValid();
  });

  it("repeats a lost batch once when several calls ask for its messages at the same time", async () => {
    const email = sender();
    const messages = reminders(3);
    server.loseNextAnswer("POST", "/emails/batch", 500);
    await email.sendBatch(messages);

    const answers = await Promise.all(messages.map((message) => email.send(message)));

    expect(server.requestsTo("POST", "/emails/batch").map((request) => request.idempotentReplayed)).toEqual([false, true]);
    expect(answers.map((answer) => answer.id)).toEqual(server.sentEmails().map((sent) => sent.id));
    expect(server.duplicateMessageKeys()).toEqual([]);
  });

  it("without that memory the new composition would have sent twice (the fake counts it)", async () => {
    const messages = reminders(4);
    server.loseNextAnswer("POST", "/emails/batch", 500);

    await sender().sendBatch(messages.slice(0, 3));
    // A new process (a new sender) knows nothing of the lost answer.
    await sender().sendBatch(messages.slice(1, 4));

    expect(server.duplicateMessageKeys().sort()).toEqual([messages[1]?.idempotencyKey, messages[2]?.idempotencyKey].sort());
  });
});

describe("Resend's rate limit", () => {
  it("keeps to 5 requests a second by the fake's clock, with no 429, however many sends run at once", async () => {
    // A wider margin than the default's 100 ms, so that a busy test machine's pauses cannot push a sixth request
    // into one of the fake's seconds; without the pacer, 13 of these 18 would be refused.
    const email = sender({ requestsPerSecond: 5, rateMarginMs: 250 });
    const messages = reminders(18);

    const results = await Promise.all(messages.map((message) => email.send(message)));

    expect(results).toHaveLength(18);
    expect(server.rateLimitedRequests()).toEqual([]);
    expect(server.busiestSecond("POST", "/emails")).toBeLessThanOrEqual(5);
    expect(server.duplicateMessageKeys()).toEqual([]);
  });

  it("absorbs a storm of 429s from a fake stricter than the sender's rate: all sent, each once", async () => {
    server.limitRate(2);
    const email = sender({ requestsPerSecond: 5 });
    const messages = reminders(8);

    const settled = await Promise.allSettled(messages.map((message) => email.send(message)));

    expect(settled.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    expect(server.rateLimitedRequests().length).toBeGreaterThan(0);
    expect(server.sentEmails()).toHaveLength(8);
    expect(server.duplicateMessageKeys()).toEqual([]);
    expect(server.busiestSecond("POST", "/emails")).toBeLessThanOrEqual(2);
    server.assertAllRequestsValid();
  });

  it("answers 429 with Resend's headers past the limit", async () => {
    server.limitRate(1);
    const client = new Resend(apiKey, { baseUrl: server.url });
    // Three at once: two could straddle a second of the fake's clock and both pass (CI saw it); three cannot.
    const answers = await Promise.all(Array.from({ length: 3 }, () => client.emails.get("4ef9a417-02e9-4d39-ad75-9611e0fcc33c")));

    const passed = answers.find((answer) => answer.error?.statusCode !== 429);
    const refused = answers.find((answer) => answer.error?.statusCode === 429);
    expect(passed?.headers).toMatchObject({ "ratelimit-limit": "1", "ratelimit-remaining": "0" });
    expect(refused?.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    expect(refused?.headers).toMatchObject({
      "ratelimit-limit": "1",
      "ratelimit-remaining": "0",
      "retry-after": expect.stringMatching(/^[1-9]$/),
    });
  });

  it("measures emails a second through batches with the fake at Resend's default 5 requests a second", async () => {
    const email = sender({ requestsPerSecond: 5 });
    const messages = reminders(3000);
    const started = performance.now();

    // As a worker would: several batches of due messages at once.
    const results = (
      await Promise.all(Array.from({ length: 30 }, (_, call) => email.sendBatch(messages.slice(call * 100, call * 100 + 100))))
    ).flat();

    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Resend batches: ${messages.length} emails in ${seconds.toFixed(2)} s = ${Math.round(messages.length / seconds)} emails/s ` +
        `(${server.requestsTo("POST", "/emails").length} requests, fake limit 5/s, ${server.rateLimitedRequests().length} answered 429)`,
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(server.duplicateMessageKeys()).toEqual([]);
    expect(server.messageKeyCounts().size).toBe(3000);
    expect(server.busiestSecond("POST", "/emails")).toBeLessThanOrEqual(5);
  });
  it("measures a mix: confirmations carry an .ics and so go alone, at the rate's pace", async () => {
    const email = sender({ requestsPerSecond: 5 });
    const messages = reminders(1020).map((message, index) => (index % 51 === 0 ? withInvite(message) : message));
    const started = performance.now();

    const results = (
      await Promise.all(Array.from({ length: 10 }, (_, call) => email.sendBatch(messages.slice(call * 102, call * 102 + 102))))
    ).flat();

    const seconds = (performance.now() - started) / 1000;
    const requests = server.requestsTo("POST", "/emails");
    console.log(
      `Resend mixed: ${messages.length} emails (${messages.filter((message) => message.attachments).length} with an .ics) in ${seconds.toFixed(2)} s = ` +
        `${Math.round(messages.length / seconds)} emails/s (${requests.length} requests, ${requests.filter((request) => request.path === "/emails").length} single)`,
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(server.duplicateMessageKeys()).toEqual([]);
    expect(server.busiestSecond("POST", "/emails")).toBeLessThanOrEqual(5);
  });
});
