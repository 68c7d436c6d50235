import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type JWK,
  jwtVerify,
  SignJWT,
} from "jose";
import { LRUCache } from "lru-cache";

// Ed25519: small keys, fast signatures, one fixed algorithm (nothing for an attacker to negotiate).
const ALGORITHM = "EdDSA";
export const ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60;
const AUDIENCE = "bookable-api";
/** Tokens whose signature was verified, remembered (by hash) until they expire. */
const VERIFIED_TOKENS_KEPT = 50_000;

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
}

export interface AccessTokenSigner {
  /** The key id (RFC 7638 thumbprint) written into every token's header. */
  readonly keyId: string;
  sign(claims: AccessTokenClaims): Promise<string>;
  /** The claims of a valid, unexpired token of ours, or null for anything else. */
  verify(token: string): Promise<AccessTokenClaims | null>;
  /** The public key set published at /.well-known/jwks.json. */
  readonly jwks: { keys: JWK[] };
}

interface VerifiedToken {
  claims: AccessTokenClaims;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Short-lived JWT access tokens for REST clients, signed with the server's private key. `sub` is the
 * user and `sid` the session, so revoking the session refuses its access tokens too.
 *
 * A token's validity depends on its bytes and the clock only (the session's liveness is checked apart, on
 * every request), so a token verified once is remembered, by its SHA-256, until its `exp`: an Ed25519
 * verification was 4–9 % of a booking's CPU (issue 12). Other bytes, a forged signature included, are
 * another key and are verified in full.
 */
export async function createAccessTokenSigner(privateKeyPem: string, issuer: string): Promise<AccessTokenSigner> {
  const privateKey = await importPKCS8(privateKeyPem, ALGORITHM, { extractable: true });
  const { d: _privatePart, ...publicJwk } = await exportJWK(privateKey);
  const keyId = await calculateJwkThumbprint(publicJwk);
  const publicKey = await importJWK(publicJwk, ALGORITHM);
  const verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_TOKENS_KEPT });
  return {
    keyId,
    jwks: { keys: [{ ...publicJwk, kid: keyId, alg: ALGORITHM, use: "sig" }] },
    sign: ({ userId, sessionId }) =>
      new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: ALGORITHM, kid: keyId, typ: "at+jwt" })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ACCESS_TOKEN_LIFETIME_SECONDS}s`)
        .sign(privateKey),
    async verify(token) {
      const key = createHash("sha256").update(token).digest("base64url");
      const known = verified.get(key);
      if (known) {
        if (known.expiresAt > Date.now()) return known.claims;
        verified.delete(key);
        return null;
      }
      try {
        const { payload, protectedHeader } = await jwtVerify(token, publicKey, {
          algorithms: [ALGORITHM],
          issuer,
          audience: AUDIENCE,
          typ: "at+jwt",
        });
        if (
          protectedHeader.kid !== keyId ||
          typeof payload.sub !== "string" ||
          typeof payload.sid !== "string" ||
          typeof payload.exp !== "number"
        )
          return null;
        const claims = { userId: payload.sub, sessionId: payload.sid };
        verified.set(key, { claims, expiresAt: payload.exp * 1000 });
        return claims;
      } catch {
        return null;
      }
    },
  };
}

/**
 * The signing key: the configured PEM when there is one; otherwise one generated on first start and kept
 * in the data folder (readable by its owner only), so tokens survive restarts of a single instance.
 * Several instances must share a configured key (JWT_PRIVATE_KEY).
 */
export async function loadOrCreateSigningKey(configuredPem: string | undefined, dataDir: string): Promise<string> {
  if (configuredPem) return configuredPem.replaceAll("\\n", "\n");
  const file = path.join(dataDir, "jwt-signing-key.pem");
  if (existsSync(file)) return readFileSync(file, "utf8");
  const { privateKey } = await generateKeyPair(ALGORITHM, { crv: "Ed25519", extractable: true });
  const pem = await exportPKCS8(privateKey);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, pem, { mode: 0o600 });
  chmodSync(file, 0o600);
  return pem;
}

/** A fresh key, for tests and for `JWT_PRIVATE_KEY` generation. */
export async function generateSigningKeyPem(): Promise<string> {
  const { privateKey } = await generateKeyPair(ALGORITHM, { crv: "Ed25519", extractable: true });
  return exportPKCS8(privateKey);
}
