import { describe, expect, it } from "vitest";
import { createLinkSigner } from "./link-signer.js";

const KEY = "k".repeat(43);
const ID = "3f1c9e0a-2b7d-4c55-9a31-8d2f6b7e1a40";

describe("createLinkSigner", () => {
  it("verifies its own signature of an id, and nothing else", () => {
    const signer = createLinkSigner(KEY, "booking calendar");
    const signature = signer.sign(ID);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(signer.verify(ID, signature)).toBe(true);
    expect(signer.verify("3f1c9e0a-2b7d-4c55-9a31-8d2f6b7e1a41", signature)).toBe(false);
    expect(signer.verify(ID, `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`)).toBe(false);
    expect(signer.verify(ID, "")).toBe(false);
    expect(signer.verify(ID, `${signature}=`)).toBe(false);
    expect(signer.verify(ID, `${signature.slice(0, 10)}!${signature.slice(10)}`)).toBe(false);
  });

  it("gives signatures that are worthless under another key or for another purpose", () => {
    const signature = createLinkSigner(KEY, "booking calendar").sign(ID);
    expect(createLinkSigner("o".repeat(43), "booking calendar").verify(ID, signature)).toBe(false);
    expect(createLinkSigner(KEY, "something else").verify(ID, signature)).toBe(false);
  });
});
