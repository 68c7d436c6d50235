import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * What is stored for an Idempotency-Key, derived so that a copy of the database alone can neither find a
 * caller's key nor read the response it replays (decision 032, after decision 018): the response may carry a
 * secret shown once (a new API key, a webhook secret), and replaying it is exactly what the row is for.
 */
export interface IdempotencyCipher {
  /** The row's lookup value: an HMAC of the caller and the raw key under the server's secret, never the key. */
  lookup(callerId: string, rawKey: string): string;
  /** Binds a request body to the raw key: equal bodies under the same key give equal values, nothing else does. */
  requestHash(rawKey: string, request: string): string;
  /** AES-256-GCM under a key derived from the raw Idempotency-Key (and the server's secret). */
  seal(rawKey: string, plaintext: string, context: string): string;
  /** Throws when the value was sealed under another key or context, or was altered. */
  open(rawKey: string, sealed: string, context: string): string;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `serverSecret`: the deployment's key material (NOTIFICATION_SECRET_KEY or DATA_DIR's key file). */
export function createIdempotencyCipher(serverSecret: string): IdempotencyCipher {
  // Its own label keeps this key apart from anything else derived from the same material.
  const serverKey = Buffer.from(hkdfSync("sha256", serverSecret, Buffer.alloc(0), "bookable idempotency keys v1", 32));
  const responseKey = (rawKey: string) =>
    Buffer.from(hkdfSync("sha256", Buffer.from(rawKey, "utf8"), serverKey, "bookable idempotent response v1", 32));
  return {
    lookup(callerId, rawKey) {
      return createHmac("sha256", serverKey).update(`${callerId}\u0000${rawKey}`).digest("hex");
    },
    requestHash(rawKey, request) {
      return createHmac("sha256", responseKey(rawKey)).update(request).digest("hex");
    },
    seal(rawKey, plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", responseKey(rawKey), iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, "utf8"));
      const encrypted = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, iv, encrypted, cipher.getAuthTag()]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    open(rawKey, sealed, context) {
      const [version, iv, encrypted, tag] = sealed.split(".");
      if (version !== VERSION || iv === undefined || encrypted === undefined || tag === undefined) {
        throw new Error("Not a sealed response of this version");
      }
      const decipher = createDecipheriv("aes-256-gcm", responseKey(rawKey), Buffer.from(iv, "base64url"), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(encrypted, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}
