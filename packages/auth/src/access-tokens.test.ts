import { afterEach, describe, expect, it, vi } from "vitest";
import { ACCESS_TOKEN_LIFETIME_SECONDS, createAccessTokenSigner, generateSigningKeyPem } from "./access-tokens.js";

const ISSUER = "http://localhost:3000";
const claims = { userId: "11111111-1111-4111-8111-111111111111", sessionId: "22222222-2222-4222-8222-222222222222" };

/** The token with one character of its signature changed (still base64url). */
function withForgedSignature(token: string): string {
  const last = token.at(-2) === "A" ? "B" : "A";
  return `${token.slice(0, -2)}${last}${token.at(-1)}`;
}

describe("access tokens", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("verifies its own tokens, again from memory, and refuses another key's", async () => {
    const signer = await createAccessTokenSigner(await generateSigningKeyPem(), ISSUER);
    const other = await createAccessTokenSigner(await generateSigningKeyPem(), ISSUER);
    const token = await signer.sign(claims);
    expect(await signer.verify(token)).toEqual(claims);
    expect(await signer.verify(token)).toEqual(claims);
    expect(await other.verify(token)).toBeNull();
  });

  it("refuses a forged signature even while the genuine token is remembered", async () => {
    const signer = await createAccessTokenSigner(await generateSigningKeyPem(), ISSUER);
    const token = await signer.sign(claims);
    expect(await signer.verify(token)).toEqual(claims);
    expect(await signer.verify(withForgedSignature(token))).toBeNull();
    // A token with the same header and payload but the signature of a token of another key.
    const foreign = await (await createAccessTokenSigner(await generateSigningKeyPem(), ISSUER)).sign(claims);
    const spliced = `${token.split(".").slice(0, 2).join(".")}.${foreign.split(".")[2]}`;
    expect(await signer.verify(spliced)).toBeNull();
  });

  it("refuses a remembered token once it has expired", async () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T12:00:00Z"), toFake: ["Date"] });
    const signer = await createAccessTokenSigner(await generateSigningKeyPem(), ISSUER);
    const token = await signer.sign(claims);
    expect(await signer.verify(token)).toEqual(claims);
    vi.setSystemTime(new Date(Date.now() + (ACCESS_TOKEN_LIFETIME_SECONDS - 5) * 1000));
    expect(await signer.verify(token)).toEqual(claims);
    vi.setSystemTime(new Date(Date.now() + 10_000));
    expect(await signer.verify(token)).toBeNull();
    expect(await signer.verify(token)).toBeNull();
  });
});
