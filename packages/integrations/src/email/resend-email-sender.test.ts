import { expectedRejection, type FakeResendServer, startFakeResendServer, vendorSpecTimings } from "@bookable/testing";
import { Resend } from "resend";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DeliveryError } from "../delivery-error.js";
import type { EmailMessage, EmailSender } from "./email-sender.js";
import { createResendEmailSender } from "./resend-email-sender.js";

/** The DeliveryError a send failed with; the test fails when it succeeded or failed otherwise. */
const failure = (sending: Promise<unknown>) => expectedRejection(sending, DeliveryError);

const apiKey = "re_test_5ecr3tKey";
let server: FakeResendServer;
let sender: EmailSender;

beforeAll(async () => {
  server = await startFakeResendServer();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.reset();
  // A new sender each time: it remembers requests whose outcome was open.
  sender = createResendEmailSender({ apiKey, from: "Bookable <bookings@bookable.test>", baseUrl: server.url });
});

const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Haircut – Ünal\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

function confirmation(overrides: Partial<EmailMessage> = {}): EmailMessage {
  return {
    to: "Ada Lovelace <ada@example.com>",
    subject: "Your booking is confirmed",
    text: "See you on Tuesday.",
    html: "<p>See you on Tuesday.</p>",
    template: "booking-confirmed",
    attachments: [{ filename: "booking.ics", content: ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }],
    idempotencyKey: "bookable-notification-1",
    ...overrides,
  };
}

describe("Resend email sender", () => {
  it("sends an email with an .ics attachment that the provider receives intact", async () => {
    const { id } = await sender.send(confirmation());

    const [email] = server.sentEmails();
    expect(email).toMatchObject({
      id,
      from: "Bookable <bookings@bookable.test>",
      to: ["Ada Lovelace <ada@example.com>"],
      subject: "Your booking is confirmed",
      text: "See you on Tuesday.",
      html: "<p>See you on Tuesday.</p>",
      tags: [
        { name: "template", value: "booking-confirmed" },
        { name: "message_key", value: "bookable-notification-1" },
      ],
      attachments: [{ filename: "booking.ics", content: ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" }],
      idempotencyKey: "bookable-notification-1",
    });
    expect(server.requests[0]).toMatchObject({
      method: "POST",
      path: "/emails",
      operationId: "emails/send",
      headers: { authorization: `Bearer ${apiKey}`, "idempotency-key": "bookable-notification-1" },
    });
    const fetched = await new Resend(apiKey, { baseUrl: server.url }).emails.get(id);
    expect(fetched.data).toMatchObject({ object: "email", id, to: ["Ada Lovelace <ada@example.com>"], last_event: "delivered" });
    server.assertAllRequestsValid();
  });

  it("sends a repeated idempotency key once, and refuses the key for another email", async () => {
    const first = await sender.send(confirmation());
    const again = await sender.send(confirmation());

    expect(again.id).toBe(first.id);
    expect(server.sentEmails()).toHaveLength(1);
    expect(server.requests.map((request) => request.idempotentReplayed)).toEqual([false, true]);
    const other = await failure(sender.send(confirmation({ subject: "Something else" })));
    expect(other).toMatchObject({ retriable: false, status: 409, code: "invalid_idempotent_request" });
    expect(server.sentEmails()).toHaveLength(1);
  });

  it("calls a provider outage retriable, waits out a rate limit itself, and the retry sends once", async () => {
    server.failNext("POST", "/emails", 500);
    server.failNext("POST", "/emails", 429);

    const outage = await failure(sender.send(confirmation()));
    const sent = await sender.send(confirmation());

    expect(outage).toMatchObject({ retriable: true, status: 500, code: "application_error" });
    expect(server.requestsTo("POST", "/emails").map((request) => request.status)).toEqual([500, 429, 200]);
    expect(server.sentEmails()).toEqual([expect.objectContaining({ id: sent.id })]);
    server.assertAllRequestsValid();
  });

  it("fails retriable when Resend keeps answering 429 past the wait it may take, having sent nothing", async () => {
    const patient = createResendEmailSender({
      apiKey,
      from: "bookings@bookable.test",
      baseUrl: server.url,
      rateLimitWaitMs: 1500,
    });
    server.failNext("POST", "/emails", 429, 5);

    const limited = await failure(patient.send(confirmation()));

    expect(limited).toMatchObject({ retriable: true, status: 429, code: "rate_limit_exceeded" });
    // The first 429 asked for a second; the second one would have passed the 1.5 s bound.
    expect(server.requestsTo("POST", "/emails").map((request) => request.status)).toEqual([429, 429]);
    expect(server.sentEmails()).toEqual([]);
  });

  it("calls a refused recipient or request permanent", async () => {
    server.failNext("POST", "/emails", 422);

    const injected = await failure(sender.send(confirmation()));
    const badAddress = await failure(sender.send(confirmation({ to: "not an address" })));

    expect(injected).toMatchObject({ retriable: false, status: 422 });
    expect(badAddress).toMatchObject({ retriable: false, status: 422, code: "validation_error" });
    expect(badAddress.message).toMatch(/^Resend answered 422 \(validation_error\): Invalid `to` field/);
    // A recipient's address being refused is an answer the app handles, not a bug in the request.
    server.assertAllRequestsValid();
  });

  it("has the validator catch a request Resend's document refuses", async () => {
    // A number where the document wants a string, as a caller with a bug would send it.
    const refused = await failure(sender.send(confirmation({ subject: 42 as unknown as string })));

    expect(refused).toMatchObject({ retriable: false, status: 400, code: "validation_error" });
    expect(server.invalidRequests).toEqual([expect.objectContaining({ method: "POST", path: "/emails", status: 400 })]);
    expect(() => server.assertAllRequestsValid()).toThrow(/requestBody subject: Invalid subject: must be string/);
    expect(server.sentEmails()).toEqual([]);
  });

  it("calls an unreachable provider retriable, without the API key in the message", async () => {
    const unreachable = createResendEmailSender({ apiKey, from: "bookings@bookable.test", baseUrl: "http://127.0.0.1:9" });

    const error = await failure(unreachable.send(confirmation()));

    expect(error).toMatchObject({ retriable: true, status: undefined });
    expect(error.message).toMatch(/^Resend could not be reached/);
    expect(error.message).not.toContain(apiKey);
  });

  it("refuses a request without an API key or to an unknown endpoint in Resend's error shape", async () => {
    const anonymous = await fetch(`${server.url}/emails/4ef9a417-02e9-4d39-ad75-9611e0fcc33c`);
    const unknown = await fetch(`${server.url}/bookings`, { headers: { authorization: `Bearer ${apiKey}` } });

    expect([anonymous.status, await anonymous.json()]).toEqual([
      401,
      expect.objectContaining({ statusCode: 401, name: "missing_api_key" }),
    ]);
    expect([unknown.status, await unknown.json()]).toEqual([
      404,
      expect.objectContaining({ statusCode: 404, name: "not_found" }),
    ]);
    expect(server.invalidRequests.map((invalid) => invalid.status)).toEqual([401, 404]);
  });

  it("loaded Resend's OpenAPI 3.1 document once", () => {
    expect(vendorSpecTimings("resend")?.initMs).toBeGreaterThan(0);
  });
});
