// The Message resources the fake Twilio server creates, and Twilio's checks of a send request beyond its
// OpenAPI document (which requires only `To`).
import { randomBytes } from "node:crypto";
import { FakeApiRefusal, type FakeReply } from "./fake-api-requests.js";
import { type FormParams, stringParam } from "./form-params.js";

/** Twilio's Message resource, as the API answers it (2010-04-01, snake_case). */
export interface FakeTwilioMessage {
  sid: string;
  account_sid: string;
  api_version: "2010-04-01";
  to: string;
  from: string | null;
  messaging_service_sid: string | null;
  body: string;
  /** `queued` with a From number; `accepted` when a Messaging Service picks the sender. */
  status: "queued" | "accepted";
  direction: "outbound-api";
  num_segments: string;
  num_media: string;
  price: null;
  price_unit: string;
  error_code: null;
  error_message: null;
  /** RFC 2822, e.g. `Thu, 24 Aug 2023 05:01:45 +0000`. */
  date_created: string;
  date_updated: string;
  date_sent: null;
  uri: string;
  subresource_uris: { media: string; feedback: string };
}

/** Twilio's error body; the SDK turns it into a RestException with `status`, `code` and `moreInfo`. */
export function twilioError(status: number, code: number, message: string): FakeReply {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

/** The code Twilio uses for a status, for failures injected with failNext. */
export function twilioErrorCode(status: number): number {
  // 20003 is Twilio's "Authenticate"; the others are 20000 + status (20404, 20429, 20500, 20503, ...).
  return status === 401 ? 20003 : 20000 + status;
}

const E164 = /^\+[1-9]\d{1,14}$/;
// Other channels take an address with a prefix, e.g. `whatsapp:+4915112345678`.
const CHANNEL_ADDRESS = /^[a-z]+:\S+$/;
const MAX_BODY_LENGTH = 1600;

/** A validated `POST .../Messages.json` body as the message Twilio queues; throws FakeApiRefusal as Twilio refuses. */
export function newTwilioMessage(accountSid: string, params: FormParams): FakeTwilioMessage {
  const to = stringParam(params, "To") ?? "";
  const from = stringParam(params, "From") ?? null;
  const messagingServiceSid = stringParam(params, "MessagingServiceSid") ?? null;
  const body = stringParam(params, "Body") ?? "";
  if (from === null && messagingServiceSid === null) refuse(21603, "A 'From' phone number is required.");
  if (body === "" && params.MediaUrl === undefined && params.ContentSid === undefined) {
    refuse(21619, "A text message body or media urls must be specified.");
  }
  if (body.length > MAX_BODY_LENGTH) refuse(21617, "The concatenated message body exceeds the 1600 character limit.");
  if (!E164.test(to) && !CHANNEL_ADDRESS.test(to)) {
    // A recipient's number is data the app must expect to be refused, so this is not listed as invalid.
    const message = `The 'To' number ${to} is not a valid phone number.`;
    throw new FakeApiRefusal(twilioError(400, 21211, message), message);
  }
  const sid = `SM${randomBytes(16).toString("hex")}`;
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}`;
  const now = new Date().toUTCString().replace("GMT", "+0000");
  return {
    sid,
    account_sid: accountSid,
    api_version: "2010-04-01",
    to,
    from,
    messaging_service_sid: messagingServiceSid,
    body,
    status: from === null ? "accepted" : "queued",
    direction: "outbound-api",
    num_segments: String(segments(body)),
    num_media: "0",
    price: null,
    price_unit: "USD",
    error_code: null,
    error_message: null,
    date_created: now,
    date_updated: now,
    date_sent: null,
    uri: `${uri}.json`,
    subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
  };
}

/** A refusal Twilio answers whatever the recipient: a bug in the caller, listed in invalidRequests. */
function refuse(code: number, message: string): never {
  throw new FakeApiRefusal(twilioError(400, code, message), message, { invalid: true });
}

// Roughly Twilio's count: 160 GSM-7 characters fit one SMS (153 per part when split), 70 UCS-2 ones (67).
function segments(body: string): number {
  const gsm = /^[\x20-\x7E\n\r]*$/.test(body);
  const [single, part] = gsm ? [160, 153] : [70, 67];
  return body.length <= single ? 1 : Math.ceil(body.length / part);
}
