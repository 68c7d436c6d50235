import { describe, expect, it } from "vitest";
import { maskRecipient } from "./mask-recipient.js";

describe("maskRecipient", () => {
  it("keeps the first letter and the domain of an email", () => {
    expect(maskRecipient("ada.lovelace@example.com")).toBe("a***@example.com");
  });
  it("keeps the country code and the last four digits of a phone number", () => {
    expect(maskRecipient("+4915112345678")).toBe("+49*******5678");
  });
  it("hides short values entirely", () => {
    expect(maskRecipient("12345")).toBe("***");
  });
});
