import { describe, expect, it } from "vitest";
import { isServerFault } from "./read-server-error.js";

describe("isServerFault: whether an error's reference is worth showing", () => {
  it.each(["INTERNAL", "SERVICE_UNAVAILABLE"] as const)("is true for %s, which the person cannot fix", (code) => {
    expect(isServerFault({ code })).toBe(true);
  });

  it("is true when the server never said what went wrong", () => {
    expect(isServerFault({ code: undefined })).toBe(true);
  });

  it.each(["UNAUTHENTICATED", "VALIDATION_FAILED", "FORBIDDEN", "SLOT_TAKEN", "RATE_LIMITED"] as const)(
    "is false for %s, which the person can act on",
    (code) => {
      expect(isServerFault({ code })).toBe(false);
    },
  );
});
