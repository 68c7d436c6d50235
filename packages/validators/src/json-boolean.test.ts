import { describe, expect, it } from "vitest";
import { jsonBoolean } from "./json-boolean.js";

describe("jsonBoolean", () => {
  it("takes true and false and nothing that merely looks like them", () => {
    const schema = jsonBoolean("Say yes or no");
    expect(schema.parse(true)).toBe(true);
    expect(schema.parse(false)).toBe(false);
    for (const wrong of ["false", "true", 0, 1, null, "", "no"]) {
      const result = schema.safeParse(wrong);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("Say yes or no");
    }
  });
});
