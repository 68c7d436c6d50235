import { randomBytes } from "node:crypto";
import type { SecretBox } from "@bookable/auth";

/** A new signing secret in the Standard Webhooks form: `whsec_` and base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

// The endpoint's id is authenticated with the sealed value, so a secret copied onto another row fails to open.
const contextOf = (endpointId: string) => `webhook-endpoint:${endpointId}`;

export function sealWebhookSecret(box: SecretBox, endpointId: string, secret: string): string {
  return box.seal(secret, contextOf(endpointId));
}

export function openWebhookSecret(box: SecretBox, endpointId: string, sealed: string): string {
  return box.open(sealed, contextOf(endpointId));
}
