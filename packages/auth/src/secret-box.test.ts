import { describe, expect, it } from "vitest";
import { createSecretBox } from "./secret-box.js";

describe("createSecretBox", () => {
  const box = createSecretBox("a key of at least thirty-two characters");

  it("opens what it sealed, and the sealed text does not contain the secret", () => {
    const sealed = box.seal('{"link":"https://bookable.test/reset-password?token=abc"}', "row-1");
    expect(sealed).not.toContain("token");
    expect(box.open(sealed, "row-1")).toBe('{"link":"https://bookable.test/reset-password?token=abc"}');
  });

  it("refuses another context, another key and an altered value", () => {
    const sealed = box.seal("secret", "row-1");
    expect(() => box.open(sealed, "row-2")).toThrow();
    expect(() => createSecretBox("another key of at least thirty-two chars").open(sealed, "row-1")).toThrow();
    const [version, iv, data, tag] = sealed.split(".");
    const altered = [version, iv, `${data?.slice(0, -1)}${data?.endsWith("A") ? "B" : "A"}`, tag].join(".");
    expect(() => box.open(altered, "row-1")).toThrow();
  });
});
