// The providers' word on delivery (issue 13): Resend's Svix-signed email events and Twilio's signed status
// callbacks update the delivery log; forged ones are refused and change nothing; replays and late, older
// statuses change nothing; a hard bounce or complaint marks the address, after which booking email to it is
// skipped (security mail still goes) until the person clears it on their account page. PGlite and PostgreSQL.
import { notifications, undeliverableAddresses } from "@bookable/db";
import { testDatabaseTargets } from "@bookable/db/testing";
import {
  type FakeResendServer,
  type FakeTwilioServer,
  type SignedDelivery,
  signedResendEvent,
  signedTwilioCallback,
  startFakeResendServer,
  startFakeTwilioServer,
} from "@bookable/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { bearer, registerVerifiedAccount, settleNotifications, tokenPair, trpcMutation } from "../test/account-helpers.js";
import { createTestResource, firstFreeSlot } from "../test/resource-helpers.js";
import { buildTestServer, type TestServer } from "../test/test-server.js";

const PUBLIC_URL = "https://bookable.test";
const RESEND_SECRET = `whsec_${Buffer.from("a resend signing secret of 32 bytes!").toString("base64")}`;
const TWILIO_TOKEN = "twilio-test-token";
const PHONE = "+4915112345678";

describe.each(testDatabaseTargets(inject("postgresAdminUrl")))("provider delivery webhooks on $driver", (target) => {
  let resend: FakeResendServer;
  let twilio: FakeTwilioServer;
  let server: TestServer;
  let member: { accessToken: string };
  let dayOffset = 2;

  beforeAll(async () => {
    resend = await startFakeResendServer();
    twilio = await startFakeTwilioServer();
    server = await buildTestServer(target, {
      AUTH_RATE_LIMIT_PER_MINUTE: "10000",
      PUBLIC_URL,
      RESEND_API_KEY: "re_test_key",
      EMAIL_FROM: "Bookable <bookings@bookable.test>",
      RESEND_API_BASE: resend.url,
      RESEND_WEBHOOK_SECRET: RESEND_SECRET,
      TWILIO_ACCOUNT_SID: `AC${"1".repeat(32)}`,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_FROM: "+15005550006",
      TWILIO_API_BASE: twilio.url,
    });
    member = await tokenPair(server, await registerVerifiedAccount(server));
  });
  afterEach(() => {
    resend.assertAllRequestsValid();
    twilio.assertAllRequestsValid();
  });
  afterAll(async () => {
    await server?.close();
    await resend?.close();
    await twilio?.close();
  });

  async function book(email: string, options: { sms?: boolean } = {}) {
    const resource = await createTestResource(server);
    dayOffset += 1;
    const slot = await firstFreeSlot(server, resource.id, dayOffset);
    const attendee = { name: "Ada Lovelace", email, ...(options.sms ? { phone: PHONE, smsOptIn: true } : {}) };
    const response = await server.postJson(
      "/api/v1/bookings",
      { resourceId: resource.id, start: slot.start, attendee },
      bearer(member.accessToken),
    );
    expect(response.statusCode, response.body).toBe(201);
    await settleNotifications(server);
    return (response.json() as { id: string }).id;
  }
  async function messageOf(bookingId: string, channel: "email" | "sms") {
    const [row] = await server.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.bookingId, bookingId),
          eq(notifications.channel, channel),
          eq(notifications.template, "booking-confirmed"),
        ),
      );
    if (!row) throw new Error(`no ${channel} message for booking ${bookingId}`);
    return row;
  }

  function resendEvent(type: string, emailId: string, data: Record<string, unknown> = {}) {
    return signedResendEvent(RESEND_SECRET, type, emailId, { data });
  }
  const postResend = (event: SignedDelivery) =>
    server.app.inject({ method: "POST", url: "/webhooks/resend", payload: event.body, headers: event.headers });

  it("records delivered, ignores a replay, and a late delivered never hides a bounce", async () => {
    const email = `ok-${Date.now()}@example.com`;
    const bookingId = await book(email);
    const sent = await messageOf(bookingId, "email");
    expect(sent).toMatchObject({ status: "sent", providerMessageId: expect.any(String) });
    const id = sent.providerMessageId ?? "";

    const delivered = resendEvent("email.delivered", id);
    const first = await postResend(delivered);
    const replay = await postResend(delivered);

    expect([first.statusCode, first.json()]).toEqual([200, { received: true, outcome: "applied" }]);
    expect([replay.statusCode, replay.json()]).toEqual([200, { received: true, outcome: "unchanged" }]);
    expect(await messageOf(bookingId, "email")).toMatchObject({ status: "delivered", lastError: null });

    // Delayed notes nothing over delivered; a complaint after delivery is recorded, and marks the address.
    expect((await postResend(resendEvent("email.delivery_delayed", id))).json()).toMatchObject({ outcome: "unchanged" });
    expect((await postResend(resendEvent("email.complained", id))).json()).toMatchObject({ outcome: "applied" });
    expect((await postResend(resendEvent("email.delivered", id))).json()).toMatchObject({ outcome: "unchanged" });
    expect(await messageOf(bookingId, "email")).toMatchObject({ status: "complained" });
    const [mark] = await server.database.db
      .select()
      .from(undeliverableAddresses)
      .where(eq(undeliverableAddresses.address, email));
    expect(mark).toMatchObject({ reason: "complaint", notificationId: sent.id });
  });

  it("refuses forged, stale and unsigned events and changes nothing", async () => {
    const bookingId = await book(`forged-${Date.now()}@example.com`);
    const id = (await messageOf(bookingId, "email")).providerMessageId ?? "";
    const genuine = resendEvent("email.bounced", id, {
      bounce: { type: "Permanent", subType: "General", message: "no such user" },
    });
    const otherSecret = `whsec_${Buffer.from("somebody else's secret, 32 bytes").toString("base64")}`;
    const forged = signedResendEvent(otherSecret, "email.bounced", id, { id: genuine.headers["svix-id"] });
    const stale = signedResendEvent(RESEND_SECRET, "email.bounced", id, { timestamp: new Date(Date.now() - 10 * 60_000) });

    const answers = await Promise.all([
      postResend({
        body: genuine.body,
        headers: { ...genuine.headers, "svix-signature": forged.headers["svix-signature"] ?? "" },
      }),
      postResend({ body: genuine.body.replace("no such user", "tampered"), headers: genuine.headers }),
      postResend({ body: genuine.body, headers: { "content-type": "application/json" } }),
      postResend(stale),
    ]);

    expect(answers.map((answer) => answer.statusCode)).toEqual([400, 400, 400, 400]);
    expect(answers[0]?.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
    expect(await messageOf(bookingId, "email")).toMatchObject({ status: "sent" });
    expect(await server.database.db.select().from(undeliverableAddresses)).not.toContainEqual(
      expect.objectContaining({ notificationId: (await messageOf(bookingId, "email")).id }),
    );
  });

  it("a hard bounce marks the address: the next booking email is skipped, security mail still goes, and the person can clear it", async () => {
    const account = await registerVerifiedAccount(server);
    const session = await tokenPair(server, account);
    const bookingId = await book(account.email.toUpperCase());
    const id = (await messageOf(bookingId, "email")).providerMessageId ?? "";

    const bounced = await postResend(
      resendEvent("email.bounced", id, {
        bounce: { type: "Permanent", subType: "Suppressed", message: "550 mailbox unavailable" },
      }),
    );
    expect(bounced.json()).toMatchObject({ outcome: "applied" });
    expect(await messageOf(bookingId, "email")).toMatchObject({ status: "bounced", lastError: "550 mailbox unavailable" });
    const status = await server.app.inject({
      method: "GET",
      url: "/api/v1/me/email-delivery",
      headers: bearer(session.accessToken),
    });
    expect(status.json()).toMatchObject({
      address: account.email,
      deliverable: false,
      reason: "hard bounce",
      markedAt: expect.any(String),
    });

    const emailsBefore = resend.sentEmails().length;
    const skippedBooking = await book(account.email);
    expect(await messageOf(skippedBooking, "email")).toMatchObject({
      status: "skipped",
      lastError: expect.stringContaining("marked undeliverable (hard bounce)"),
    });
    expect(resend.sentEmails()).toHaveLength(emailsBefore);

    // A password reset is security mail: it still goes to the marked address.
    const reset = await server.postJson("/api/v1/auth/password-reset", { email: account.email });
    expect(reset.statusCode).toBe(200);
    await settleNotifications(server);
    expect(resend.sentEmails().at(-1)).toMatchObject({ to: [account.email] });

    const cleared = await trpcMutation(server, "emailDelivery.clear", undefined, bearer(session.accessToken));
    expect(cleared.json()).toMatchObject({ result: { data: { deliverable: true, reason: null } } });
    const againBooking = await book(account.email);
    expect(await messageOf(againBooking, "email")).toMatchObject({ status: "sent" });
  });

  it("a transient bounce is recorded without marking the address; unknown emails and other events are ignored", async () => {
    const email = `soft-${Date.now()}@example.com`;
    const bookingId = await book(email);
    const id = (await messageOf(bookingId, "email")).providerMessageId ?? "";

    await postResend(
      resendEvent("email.bounced", id, { bounce: { type: "Transient", subType: "MailboxFull", message: "mailbox full" } }),
    );
    // An event about an email not (yet) in the log: fresh, it is asked for again later (the worker may be
    // recording the send); a minute old, it is another sender's on the same Resend account.
    const unknownId = "4ef9a417-02e9-4d39-ad75-9611e0fcc33c";
    const early = await postResend(resendEvent("email.delivered", unknownId));
    const unknown = await postResend(
      signedResendEvent(RESEND_SECRET, "email.delivered", unknownId, { createdAt: new Date(Date.now() - 61_000) }),
    );
    const opened = await postResend(resendEvent("email.opened", id));

    expect(await messageOf(bookingId, "email")).toMatchObject({ status: "bounced" });
    expect(
      await server.database.db.select().from(undeliverableAddresses).where(eq(undeliverableAddresses.address, email)),
    ).toEqual([]);
    expect([early.statusCode, early.headers["retry-after"], early.json()]).toEqual([
      503,
      "5",
      { error: expect.objectContaining({ code: "SERVICE_UNAVAILABLE" }) },
    ]);
    expect([unknown.statusCode, unknown.json()]).toEqual([200, { received: true, outcome: "unknown_message" }]);
    expect(opened.json()).toMatchObject({ outcome: "ignored" });
  });

  /** A status callback as Twilio posts it to the StatusCallback URL, signed with Twilio's own algorithm. */
  function twilioCallback(callbackUrl: string, params: Record<string, string>, token = TWILIO_TOKEN) {
    const url = new URL(callbackUrl);
    const { body, headers } = signedTwilioCallback(token, callbackUrl, params);
    return server.app.inject({ method: "POST", url: `${url.pathname}${url.search}`, payload: body, headers });
  }

  it("sends each SMS with a StatusCallback URL and records Twilio's delivered and failed; forged callbacks are refused", async () => {
    const bookingId = await book(`sms-${Date.now()}@example.com`, { sms: true });
    const sms = await messageOf(bookingId, "sms");
    const request = twilio.requestsTo("POST", "/2010-04-01/Accounts/").at(-1);
    const callbackUrl = String((request?.body as Record<string, unknown> | undefined)?.StatusCallback);
    expect(callbackUrl).toBe(`${PUBLIC_URL}/webhooks/twilio/status?notification=${sms.id}&attempt=${sms.providerAttemptToken}`);
    const sid = sms.providerMessageId ?? "";
    const params = {
      MessageSid: sid,
      SmsSid: sid,
      AccountSid: `AC${"1".repeat(32)}`,
      From: "+15005550006",
      To: PHONE,
      ApiVersion: "2010-04-01",
    };

    const forged = await twilioCallback(callbackUrl, { ...params, MessageStatus: "delivered" }, "not-the-token");
    const otherRow = await twilioCallback(callbackUrl.replace(sms.id, "00000000-0000-4000-8000-000000000000"), {
      ...params,
      MessageStatus: "failed",
    });
    expect(forged.statusCode).toBe(400);
    expect(otherRow.json()).toMatchObject({ outcome: "unknown_message" });
    expect(await messageOf(bookingId, "sms")).toMatchObject({ status: "sent" });

    // Twilio reports each step; only the final ones change the log, and a replay changes nothing.
    expect((await twilioCallback(callbackUrl, { ...params, MessageStatus: "sent" })).statusCode).toBe(200);
    const delivered = await twilioCallback(callbackUrl, { ...params, MessageStatus: "delivered" });
    const replay = await twilioCallback(callbackUrl, { ...params, MessageStatus: "delivered" });
    expect([delivered.json(), replay.json()]).toEqual([
      { received: true, outcome: "applied" },
      { received: true, outcome: "unchanged" },
    ]);
    expect(await messageOf(bookingId, "sms")).toMatchObject({ status: "delivered" });

    const undelivered = await book(`sms-fail-${Date.now()}@example.com`, { sms: true });
    const failing = await messageOf(undelivered, "sms");
    const failingUrl = `${PUBLIC_URL}/webhooks/twilio/status?notification=${failing.id}&attempt=${failing.providerAttemptToken}`;
    const failingSid = failing.providerMessageId ?? "";
    await twilioCallback(failingUrl, {
      ...params,
      MessageSid: failingSid,
      SmsSid: failingSid,
      MessageStatus: "undelivered",
      ErrorCode: "30003",
    });
    expect(await messageOf(undelivered, "sms")).toMatchObject({
      status: "failed",
      lastError: "Twilio: undelivered (error 30003)",
    });
  });
});
