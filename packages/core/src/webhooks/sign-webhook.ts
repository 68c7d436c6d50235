import { Webhook } from "standardwebhooks";

/**
 * The `webhook-signature` header: one `v1,<base64 HMAC-SHA256>` per secret, space-separated, as Standard
 * Webhooks allows, so a receiver still holding the previous secret during a rotation verifies as well.
 */
export function webhookSignatureHeader(secrets: string[], messageId: string, timestamp: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body)).join(" ");
}
