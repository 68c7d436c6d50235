// Delivery events as Resend (through Svix) and Twilio send them, signed with the vendors' own algorithms:
// the svix library's signer and the Twilio SDK's getExpectedTwilioSignature.
import { randomUUID } from "node:crypto";
import { Webhook } from "svix";
import twilio from "twilio";

export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

/**
 * A Resend email event (`email.delivered`, `email.bounced`, ...) about `emailId`, as Svix posts it: JSON body,
 * `svix-id`, `svix-timestamp` and `svix-signature` headers. `id` is the Svix message id (the same for retries).
 */
export function signedResendEvent(
  secret: string,
  type: string,
  emailId: string,
  options: {
    data?: Record<string, unknown>;
    /** The Svix message id; a new one by default. */
    id?: string;
    /** When Svix signs it (its `svix-timestamp`); now by default. */
    timestamp?: Date;
    /** When Resend created the event (`created_at`); the signing time by default. */
    createdAt?: Date;
  } = {},
): SignedDelivery {
  const id = options.id ?? `msg_${randomUUID().replaceAll("-", "")}`;
  const timestamp = options.timestamp ?? new Date();
  const createdAt = (options.createdAt ?? timestamp).toISOString();
  const body = JSON.stringify({
    type,
    created_at: createdAt,
    data: {
      created_at: createdAt,
      email_id: emailId,
      from: "Bookable <bookings@bookable.test>",
      to: ["someone@example.com"],
      subject: "Booking confirmed",
      ...options.data,
    },
  });
  return {
    body,
    headers: {
      "content-type": "application/json",
      "svix-id": id,
      "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
      "svix-signature": new Webhook(secret).sign(id, timestamp, body),
    },
  };
}

/** A Twilio status callback to `url` (the StatusCallback the message was sent with), form-encoded and signed. */
export function signedTwilioCallback(authToken: string, url: string, params: Record<string, string>): SignedDelivery {
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(authToken, url, params),
    },
  };
}
