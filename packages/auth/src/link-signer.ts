import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * Signs ids into links that open one thing without signing in (a booking's calendar file in its
 * confirmation email). The signature is derived on demand, never stored, and is for reading only.
 */
export interface LinkSigner {
  /** The signature of `id` for this signer's purpose (base64url, 128 bits). */
  sign(id: string): string;
  /** Whether `signature` is `id`'s, compared in constant time. */
  verify(id: string, signature: string): boolean;
}

const SIGNATURE_BYTES = 16;

/**
 * HMAC-SHA256 keyed by HKDF from the configured key material (NOTIFICATION_SECRET_KEY or DATA_DIR's key file),
 * with `purpose` as HKDF's info: signatures of one purpose are worthless for any other, and nothing derived
 * here can open the notification secret box (another label).
 */
export function createLinkSigner(keyMaterial: string, purpose: string): LinkSigner {
  const key = Buffer.from(hkdfSync("sha256", keyMaterial, Buffer.alloc(0), `bookable link signatures v1: ${purpose}`, 32));
  const signatureOf = (id: string) =>
    createHmac("sha256", key).update(id, "utf8").digest().subarray(0, SIGNATURE_BYTES).toString("base64url");
  return {
    sign: signatureOf,
    verify(id, signature) {
      // The texts are compared, not decoded bytes: base64url has several spellings of the last character's bits.
      const expected = Buffer.from(signatureOf(id), "utf8");
      const given = Buffer.from(signature, "utf8");
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
