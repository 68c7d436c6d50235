import type { SecretBox } from "@bookable/auth";
import type { NotificationRow } from "@bookable/db";
import type { EmailTemplateData } from "@bookable/integrations";

type Template = keyof EmailTemplateData;

// The fields that must not be readable at rest: a one-time link hands over the account while it is live
// (issue 11). They are sealed until delivery and deleted once the message is final (decision 018).
const SECRET_FIELDS: Partial<Record<Template, readonly string[]>> = {
  "verify-email": ["link"],
  "reset-password": ["link"],
};

type Payload = Record<string, unknown>;

/** What a row of the delivery log holds of a template's data: the rest in the clear, the secrets sealed. */
export interface StoredPayload {
  data: Payload;
  sealedSecrets: string | null;
}

/** Whether messages of this template carry a secret (and cannot be sent once it is deleted). */
export function carriesSecrets(template: string): boolean {
  return template in SECRET_FIELDS;
}

/** The sealed value is bound to its row: copied to another row (another recipient), it no longer opens. */
function sealingContext(row: Pick<NotificationRow, "id" | "template" | "recipient">): string {
  return `${row.id}\n${row.template}\n${row.recipient}`;
}

/** Splits a message's data into what is stored in the clear and the sealed secrets. */
export function sealPayload(
  box: SecretBox,
  row: Pick<NotificationRow, "id" | "template" | "recipient">,
  data: EmailTemplateData[Template],
): StoredPayload {
  const fields = SECRET_FIELDS[row.template as Template] ?? [];
  const clear: Payload = {};
  const secrets: Payload = {};
  for (const [name, value] of Object.entries(data)) (fields.includes(name) ? secrets : clear)[name] = value;
  return { data: clear, sealedSecrets: fields.length > 0 ? box.seal(JSON.stringify(secrets), sealingContext(row)) : null };
}

/**
 * The template's data again, secrets opened; null when a message that needs its secrets no longer has them.
 * A row written before secrets were sealed still holds them in `data` and is sent as it is.
 */
export function openPayload(
  box: SecretBox,
  row: Pick<NotificationRow, "id" | "template" | "recipient" | "data" | "sealedSecrets">,
): Payload | null {
  const data = row.data as Payload;
  const fields = SECRET_FIELDS[row.template as Template] ?? [];
  if (fields.length === 0 || fields.every((name) => name in data)) return data;
  if (!row.sealedSecrets) return null;
  return { ...data, ...(JSON.parse(box.open(row.sealedSecrets, sealingContext(row))) as Payload) };
}

/** A dead message keeps its data for an admin's retry, but never its secrets. */
export function withoutSecrets(template: string, data: unknown): Payload {
  const fields = SECRET_FIELDS[template as Template] ?? [];
  return Object.fromEntries(Object.entries(data as Payload).filter(([name]) => !fields.includes(name)));
}
