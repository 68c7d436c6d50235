import { describe, expect, it } from "vitest";
import { registerInput } from "./user.js";

const valid = { username: "ada_lovelace", email: "ada@example.com", password: "correct horse" };

function fieldErrors(input: unknown): Record<string, string[]> {
  const result = registerInput.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    errors[key] = [...(errors[key] ?? []), issue.message];
  }
  return errors;
}

describe("registerInput", () => {
  it("accepts the brief's fields and normalises the email", () => {
    const parsed = registerInput.parse({ ...valid, email: "  Ada@Example.COM " });
    expect(parsed).toEqual({ ...valid, email: "ada@example.com" });
  });

  it.each(["abc", "a-b_c", "user123", "x".repeat(32)])("accepts the username %s", (username) => {
    expect(registerInput.safeParse({ ...valid, username }).success).toBe(true);
  });

  it.each([
    ["ab", "at least 3"],
    ["x".repeat(33), "at most 32"],
    ["Ada", "lowercase"],
    ["ada lovelace", "lowercase"],
    ["ada!", "lowercase"],
  ])("rejects the username %j", (username, message) => {
    expect(fieldErrors({ ...valid, username }).username?.join(" ")).toContain(message);
  });

  it.each(["not-an-email", "a@b", "@example.com", "ada@", ""])("rejects the email %j", (email) => {
    expect(fieldErrors({ ...valid, email }).email).toBeDefined();
  });

  it.each(["", "   "])("asks for a blank email %j rather than calling it invalid", (email) => {
    expect(fieldErrors({ ...valid, email }).email).toEqual(["Enter your email address"]);
  });

  it("bounds the password to 8–128 characters", () => {
    expect(fieldErrors({ ...valid, password: "1234567" }).password).toEqual(["Password must be at least 8 characters"]);
    expect(registerInput.safeParse({ ...valid, password: "12345678" }).success).toBe(true);
    expect(registerInput.safeParse({ ...valid, password: "x".repeat(128) }).success).toBe(true);
    expect(fieldErrors({ ...valid, password: "x".repeat(129) }).password).toEqual(["Password must be at most 128 characters"]);
  });

  it("reports every missing field at once", () => {
    expect(Object.keys(fieldErrors({})).sort()).toEqual(["email", "password", "username"]);
  });

  it("rejects values of the wrong type", () => {
    expect(Object.keys(fieldErrors({ username: 42, email: true, password: null })).sort()).toEqual([
      "email",
      "password",
      "username",
    ]);
  });
});
