import { expectedRejection, type FakeTwilioServer, startFakeTwilioServer, vendorSpecTimings } from "@bookable/testing";
import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DeliveryError } from "../delivery-error.js";
import { LocalSmsSender, type SmsMessage, type SmsSender } from "./sms-sender.js";
import { createTwilioSmsSender, RebasedRequestClient, type TwilioSmsSenderOptions } from "./twilio-sms-sender.js";

/** The DeliveryError a send failed with; the test fails when it succeeded or failed otherwise. */
const failure = (sending: Promise<unknown>) => expectedRejection(sending, DeliveryError);

const accountSid = `AC${"0a1b2c3d".repeat(4)}`;
const authToken = "t0k3n_5ecr3t";
const from = "+4930123456789";
let server: FakeTwilioServer;
let sender: SmsSender;

// Faster than a long code's 1 a second, so that the tests of other behaviour need not wait; the rate's own
// tests below set it.
function twilioSender(overrides: Partial<TwilioSmsSenderOptions> = {}): SmsSender {
  return createTwilioSmsSender({ accountSid, authToken, from, apiBase: server.url, messagesPerSecond: 50, ...overrides });
}

beforeAll(async () => {
  server = await startFakeTwilioServer();
  sender = twilioSender();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.reset();
  server.limitRate(undefined);
});

function reminder(overrides: Partial<SmsMessage> = {}): SmsMessage {
  return { to: "+4915112345678", body: "Reminder: Haircut tomorrow at 09:00.", template: "booking-reminder", ...overrides };
}

describe("Twilio SMS sender", () => {
  it("sends a message with Basic auth as a form, and Twilio queues it", async () => {
    const { id } = await sender.send(reminder());

    expect(id).toMatch(/^SM[0-9a-f]{32}$/);
    expect(server.sentMessages()).toEqual([
      expect.objectContaining({
        sid: id,
        account_sid: accountSid,
        to: "+4915112345678",
        from,
        status: "queued",
        num_segments: "1",
      }),
    ]);
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      path: `/2010-04-01/Accounts/${accountSid}/Messages.json`,
      operationId: "CreateMessage",
      headers: {
        authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: { To: "+4915112345678", From: from, Body: "Reminder: Haircut tomorrow at 09:00." },
    });
    server.assertAllRequestsValid();
  });

  it("sends through a Messaging Service when `from` is its sid", async () => {
    const messagingServiceSid = `MG${"f".repeat(32)}`;

    await twilioSender({ from: messagingServiceSid }).send(reminder());

    expect(server.sentMessages()[0]).toMatchObject({
      from: null,
      messaging_service_sid: messagingServiceSid,
      status: "accepted",
    });
    expect(server.requests[0]?.body).toEqual({
      To: "+4915112345678",
      MessagingServiceSid: messagingServiceSid,
      Body: expect.any(String),
    });
    server.assertAllRequestsValid();
  });

  it("waits out Twilio's 429 (20429) itself and sends once, and calls an outage retriable", async () => {
    server.failNext("POST", "/2010-04-01/Accounts/", 429);
    const sent = await sender.send(reminder());
    server.failNext("POST", "/2010-04-01/Accounts/", 503);
    const outage = await failure(sender.send(reminder()));

    expect(server.requests.map((request) => request.status)).toEqual([429, 201, 503]);
    expect(server.sentMessages()).toEqual([expect.objectContaining({ sid: sent.id })]);
    expect(outage).toMatchObject({ retriable: true, status: 503, code: "20503" });
  });

  it("fails retriable when Twilio keeps answering 429 past the wait it may take, having sent nothing", async () => {
    server.failNext("POST", "/2010-04-01/Accounts/", 429, 10);

    const limited = await failure(twilioSender({ rateLimitWaitMs: 1200 }).send(reminder()));

    expect(limited).toMatchObject({ retriable: true, status: 429, code: "20429" });
    expect(server.sentMessages()).toEqual([]);
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  it("keeps a long code to 1 message a second by the fake's clock, however many are sent at once", async () => {
    server.limitRate(1);
    // A wider margin than the default, so that a busy test machine's pauses cannot land two in one second.
    const longCode = twilioSender({ messagesPerSecond: 1, rateMarginMs: 250 });

    const sent = await Promise.all([1, 2, 3].map((n) => longCode.send(reminder({ body: `Reminder ${n}` }))));

    expect(new Set(sent.map((message) => message.id)).size).toBe(3);
    expect(server.rateLimitedRequests()).toEqual([]);
    expect(server.busiestSecond("POST", "/2010-04-01/Accounts/")).toBe(1);
  });

  it("absorbs 20429s from a sender over Twilio's rate, each message sent once", async () => {
    server.limitRate(1);
    const tooFast = twilioSender({ messagesPerSecond: 3 });

    const settled = await Promise.allSettled([1, 2, 3, 4].map((n) => tooFast.send(reminder({ body: `Reminder ${n}` }))));

    expect(settled.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    expect(server.rateLimitedRequests().length).toBeGreaterThan(0);
    expect(server.rateLimitedRequests()[0]?.status).toBe(429);
    expect(
      server
        .sentMessages()
        .map((message) => message.body)
        .sort(),
    ).toEqual(["Reminder 1", "Reminder 2", "Reminder 3", "Reminder 4"]);
    expect(server.busiestSecond("POST", "/2010-04-01/Accounts/")).toBe(1);
    server.assertAllRequestsValid();
  });

  it("calls an invalid number permanent, without it counting as an invalid request", async () => {
    const error = await failure(sender.send(reminder({ to: "0151 12345678" })));

    expect(error).toMatchObject({ retriable: false, status: 400, code: "21211" });
    expect(error.message).toBe("Twilio answered 400 (21211): The 'To' number 0151 12345678 is not a valid phone number.");
    server.assertAllRequestsValid();
  });

  it("sends a repeated idempotency key once within the process, and runs it again after a failure", async () => {
    server.failNext("POST", "/2010-04-01/Accounts/", 500);
    const message = reminder({ idempotencyKey: "bookable-notification-7" });

    await failure(sender.send(message));
    const [first, again] = await Promise.all([sender.send(message), sender.send(message)]);

    expect(again?.id).toBe(first?.id);
    expect(server.sentMessages()).toHaveLength(1);
    expect(server.requests.map((request) => request.status)).toEqual([500, 201]);
  });

  it("has the validator catch requests Twilio's document refuses", async () => {
    // A misconfigured account sid: the document wants `AC` and 32 hex digits.
    const misconfigured = await failure(twilioSender({ accountSid: "AC123" }).send(reminder()));
    // The SDK sends what it is given: a caller with a bug passes a word where the document wants an integer.
    const client = twilio(accountSid, authToken, { httpClient: new RebasedRequestClient(server.url) });
    const attempt = "many" as unknown as number;
    const wrongType = client.messages.create({ to: "+4915112345678", from, body: "x", attempt });

    expect(misconfigured).toMatchObject({ retriable: false, status: 400 });
    await expect(wrongType).rejects.toMatchObject({ status: 400, message: "Invalid Attempt: must be integer" });
    expect(server.invalidRequests.map((invalid) => invalid.errors)).toEqual([
      [expect.stringMatching(/^path AccountSid: Invalid AccountSid: must NOT have fewer than 34 characters/)],
      ["requestBody Attempt: Invalid Attempt: must be integer"],
    ]);
    expect(server.sentMessages()).toEqual([]);
  });

  it("calls an unreachable provider retriable, without the auth token in the message", async () => {
    const error = await failure(twilioSender({ apiBase: "http://127.0.0.1:9" }).send(reminder()));

    expect(error).toMatchObject({ retriable: true, status: undefined });
    expect(error.message).toMatch(/^Twilio could not be reached/);
    expect(error.message).not.toContain(authToken);
  });

  it("refuses a request without credentials in Twilio's error shape, and fetches a sent message", async () => {
    const { id } = await sender.send(reminder());
    const anonymous = await fetch(`${server.url}/2010-04-01/Accounts/${accountSid}/Messages/${id}.json`);
    const client = twilio(accountSid, authToken, { httpClient: new RebasedRequestClient(server.url) });

    expect([anonymous.status, await anonymous.json()]).toEqual([401, expect.objectContaining({ code: 20003, status: 401 })]);
    await expect(client.messages(id).fetch()).resolves.toMatchObject({ sid: id, status: "queued", numSegments: "1" });
    expect(server.invalidRequests.map((invalid) => invalid.status)).toEqual([401]);
  });

  it("sends the StatusCallback URL it is given, and finds a sent message again in Twilio's list (issue 13)", async () => {
    const since = new Date(Date.now() - 60_000);
    const statusCallback = "https://bookable.test/webhooks/twilio/status?notification=n1&attempt=t1";
    const { id } = await sender.send(reminder({ statusCallback }));
    await sender.send(reminder({ to: "+4915199999999" }));

    const found = await sender.findSent({ to: "+4915112345678", body: reminder().body, since });
    const otherBody = await sender.findSent({ to: "+4915112345678", body: "Another text", since });
    const tooOld = await sender.findSent({ to: "+4915112345678", body: reminder().body, since: new Date(Date.now() + 60_000) });

    expect(server.requests[0]?.body).toMatchObject({ StatusCallback: statusCallback });
    expect([found, otherBody, tooOld]).toEqual([{ id }, undefined, undefined]);
    expect(server.requestsTo("GET", "/2010-04-01/Accounts/").map((request) => request.query)).toEqual([
      { To: "+4915112345678", PageSize: "50" },
      { To: "+4915112345678", PageSize: "50" },
      { To: "+4915112345678", PageSize: "50" },
    ]);
    server.assertAllRequestsValid();
  });

  it("calls a failed lookup retriable, so an interrupted attempt is never sent blind", async () => {
    server.failNext("GET", "/2010-04-01/Accounts/", 429);

    const error = await failure(sender.findSent({ to: "+4915112345678", body: "x", since: new Date() }));

    expect(error).toMatchObject({ retriable: true, status: 429 });
    expect(error.message).toMatch(/^Twilio answered 429: listing recent messages failed/);
  });

  it("loaded Twilio's OpenAPI document once", () => {
    expect(vendorSpecTimings("twilio")?.initMs).toBeGreaterThan(0);
  });
});

describe("LocalSmsSender", () => {
  it("keeps the newest 200 messages, newest first, and records a repeated key once", async () => {
    const local = new LocalSmsSender();

    const first = await local.send(reminder({ idempotencyKey: "k1" }));
    const again = await local.send(reminder({ idempotencyKey: "k1", body: "changed" }));
    for (let index = 0; index < 250; index += 1) await local.send(reminder({ body: `message ${index}` }));

    expect(again.id).toBe(first.id);
    expect(local.messages()).toHaveLength(200);
    expect(local.messages()[0]).toMatchObject({ body: "message 249", to: "+4915112345678", template: "booking-reminder" });
    expect(local.messages().every((message) => message.id.startsWith("local_sms_"))).toBe(true);
  });
});
