import twilio from "twilio";

/** What a Twilio status callback says about one message, in the delivery log's words. */
export interface TwilioStatusNotice {
  messageSid: string;
  /** Twilio's own word: queued, sent, delivered, undelivered, failed, ... */
  twilioStatus: string;
  /** The delivery log's, for the final ones; undefined for a status on the way (queued, sending, sent). */
  status: "delivered" | "failed" | undefined;
  detail: string | undefined;
}

/**
 * Checks a status callback's `X-Twilio-Signature` with the Twilio SDK's validator (HMAC-SHA1 with the auth
 * token over the exact URL Twilio called, query string included, and the sorted form parameters) and reads it.
 * Answers undefined when the signature does not match or the callback names no message.
 */
export function readTwilioStatusCallback(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Readonly<Record<string, string>>,
): TwilioStatusNotice | undefined {
  if (!signature || !twilio.validateRequest(authToken, signature, url, params)) return undefined;
  const messageSid = params.MessageSid;
  const twilioStatus = params.MessageStatus ?? params.SmsStatus;
  if (!messageSid || !twilioStatus) return undefined;
  const code = params.ErrorCode ? ` (error ${params.ErrorCode})` : "";
  switch (twilioStatus) {
    case "delivered":
      return { messageSid, twilioStatus, status: "delivered", detail: undefined };
    case "undelivered":
      return { messageSid, twilioStatus, status: "failed", detail: `Twilio: undelivered${code}` };
    case "failed":
      return { messageSid, twilioStatus, status: "failed", detail: `Twilio: failed${code}` };
    default:
      return { messageSid, twilioStatus, status: undefined, detail: undefined };
  }
}
