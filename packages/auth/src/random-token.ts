import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/**
 * A secret token: 160 random bits in lowercase base32 (as Lucia's guide recommends), behind a prefix
 * that says what it is (`bka_` for an API key, `bkr_` for a refresh token), so a leaked token is
 * recognisable by secret scanners and a mistaken use is refused early.
 */
export function generateToken(prefix = ""): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return `${prefix}${encodeBase32LowerCaseNoPadding(bytes)}`;
}

/** Tokens are stored only as their SHA-256; a database leak does not leak usable tokens. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
