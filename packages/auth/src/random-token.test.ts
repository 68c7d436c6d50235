import { describe, expect, it } from "vitest";
import { generateToken, hashToken } from "./random-token.js";

describe("tokens", () => {
  it("are 160 random bits in lowercase base32 behind their prefix, never repeated", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken("bka_")));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token).toMatch(/^bka_[a-z2-7]{32}$/);
  });

  it("are stored as their SHA-256 in hex", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
