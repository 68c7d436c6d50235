import { describe, expect, it } from "vitest";
import { AppError } from "../app-error.js";
import { requireAllowedScheme, requireVerifiedCaller } from "./webhook-endpoints-access.js";

describe("requireAllowedScheme", () => {
  it("takes https always and plain http only where allowed (outside production)", () => {
    expect(() => requireAllowedScheme("https://example.com/hooks", false)).not.toThrow();
    expect(() => requireAllowedScheme("http://127.0.0.1:4000/hooks", true)).not.toThrow();
    const refused = (() => {
      try {
        requireAllowedScheme("http://example.com/hooks", false);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "VALIDATION_FAILED", issues: [{ path: "url", message: "Use an https:// URL" }] });
  });
});

describe("requireVerifiedCaller", () => {
  it("lets admins and confirmed members through and stops an unconfirmed member", () => {
    expect(() => requireVerifiedCaller({ id: "a", role: "admin", emailVerified: false })).not.toThrow();
    expect(() => requireVerifiedCaller({ id: "m", role: "member", emailVerified: true })).not.toThrow();
    expect(() => requireVerifiedCaller({ id: "m", role: "member", emailVerified: false })).toThrow(
      expect.objectContaining({ code: "EMAIL_NOT_VERIFIED" }),
    );
  });
});
