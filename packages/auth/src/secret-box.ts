import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/** Seals short secrets (one-time links waiting for delivery) so that a copy of the database alone cannot read them. */
export interface SecretBox {
  /** AES-256-GCM; `context` (e.g. the row it belongs to) is authenticated, so a sealed value moved elsewhere fails to open. */
  seal(plaintext: string, context: string): string;
  /** Throws when the value was sealed with another key or for another context, or was altered. */
  open(sealed: string, context: string): string;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A box keyed by HKDF-SHA256 from the configured key material (NOTIFICATION_SECRET_KEY or the key file in
 * DATA_DIR); the `info` label keeps this key apart from anything else ever derived from the same material.
 */
export function createSecretBox(keyMaterial: string): SecretBox {
  const key = Buffer.from(hkdfSync("sha256", keyMaterial, Buffer.alloc(0), "bookable notification secrets v1", 32));
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, "utf8"));
      const encrypted = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, iv, encrypted, cipher.getAuthTag()]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    open(sealed, context) {
      const [version, iv, encrypted, tag] = sealed.split(".");
      if (version !== VERSION || iv === undefined || encrypted === undefined || tag === undefined) {
        throw new Error("Not a sealed value of this version");
      }
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(encrypted, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}
