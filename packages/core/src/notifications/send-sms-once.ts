import { randomBytes } from "node:crypto";
import { type NotificationRow, notifications } from "@bookable/db";
import { DeliveryError, type SmsMessage } from "@bookable/integrations";
import { eq } from "drizzle-orm";
import type { DeliveryDependencies } from "./notification-dependencies.js";

/** Where Twilio posts a message's status; `notification` and `attempt` tie the callback to one attempt. */
export const TWILIO_STATUS_CALLBACK_PATH = "/webhooks/twilio/status";

// Twilio's clock and ours may differ by a little; an attempt's message is looked for from this long before it.
const CLOCK_SKEW_MS = 60_000;

/**
 * Sends an SMS of the delivery log at most once, although Twilio takes no idempotency key (issue 13). Each
 * attempt is recorded on the row (a fresh token and its time) before Twilio is called, and the token travels in
 * the StatusCallback URL. A row claimed again with a recorded attempt (its worker crashed, or the answer was
 * lost on the network) is first reconciled with Twilio's own records: a status callback that already gave the
 * message's sid, else Twilio's list of recent messages to the number with the same body. Only when neither
 * shows the message is it sent again.
 */
export async function sendSmsOnce(
  deps: DeliveryDependencies,
  message: NotificationRow,
  sms: Omit<SmsMessage, "statusCallback">,
): Promise<string> {
  if (message.providerAttemptToken && message.providerAttemptAt) {
    if (message.providerMessageId) return message.providerMessageId;
    const since = new Date(message.providerAttemptAt.getTime() - CLOCK_SKEW_MS);
    const found = await deps.sms.findSent({ to: sms.to, body: sms.body, since });
    if (found) {
      deps.log.warn({ notificationId: message.id }, "an interrupted SMS attempt had reached the provider; not sending it again");
      return found.id;
    }
  }
  const token = randomBytes(18).toString("base64url");
  await deps.db
    .update(notifications)
    .set({ providerAttemptToken: token, providerAttemptAt: new Date() })
    .where(eq(notifications.id, message.id));
  const statusCallback = new URL(TWILIO_STATUS_CALLBACK_PATH, deps.publicUrl);
  statusCallback.search = new URLSearchParams({ notification: message.id, attempt: token }).toString();
  try {
    return (await deps.sms.send({ ...sms, statusCallback: statusCallback.href })).id;
  } catch (error) {
    // Twilio answered, so it did not take the message: the next attempt need not look for it.
    if (error instanceof DeliveryError && error.status !== undefined) {
      await deps.db.update(notifications).set({ providerAttemptToken: null }).where(eq(notifications.id, message.id));
    }
    throw error;
  }
}
