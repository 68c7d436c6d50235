import twilio from "twilio";
import { deliveryError } from "../delivery-error.js";
import type { SentSms, SentSmsQuery } from "./sms-sender.js";

// Messages to one number since an interrupted attempt: a handful in practice.
const RECONCILE_PAGE = 50;

/**
 * Twilio's own record of a message like the query (same recipient, sender and body, created at `since` or
 * later), from its list of the number's messages, newest first: how an attempt cut short is reconciled before
 * sending again (issue 13). A failed lookup throws a retriable DeliveryError: never send blind.
 */
export async function findSentTwilioMessage(
  client: twilio.Twilio,
  sender: { from: string } | { messagingServiceSid: string },
  query: SentSmsQuery,
  secrets: readonly string[],
): Promise<SentSms | undefined> {
  try {
    const recent = await client.messages.list({ to: query.to, pageSize: RECONCILE_PAGE, limit: RECONCILE_PAGE });
    // Twilio's times have whole seconds.
    const since = new Date(Math.floor(query.since.getTime() / 1000) * 1000);
    const found = recent.find(
      (candidate) =>
        candidate.body === query.body &&
        candidate.dateCreated >= since &&
        ("from" in sender ? candidate.from === sender.from : candidate.messagingServiceSid === sender.messagingServiceSid),
    );
    return found ? { id: found.sid } : undefined;
  } catch (error) {
    const status = error instanceof twilio.RestException ? error.status : undefined;
    const detail = error instanceof Error ? error.message : "unknown error";
    throw deliveryError(
      { provider: "Twilio", status, detail: `listing recent messages failed: ${detail}`, retriable: true },
      secrets,
    );
  }
}
