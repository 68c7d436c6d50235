/**
 * A recipient as logs may show it: enough to tell messages apart, not enough to harvest addresses.
 * "ada.lovelace@example.com" → "a***@example.com", "+4915112345678" → "+49*******5678".
 */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf("@");
  if (at > 0) return `${recipient.slice(0, 1)}***${recipient.slice(at)}`;
  if (recipient.length <= 6) return "***";
  return `${recipient.slice(0, 3)}${"*".repeat(recipient.length - 7)}${recipient.slice(-4)}`;
}
