import { describe, expect, it } from "vitest";
import { z } from "zod";
import { plainText } from "./plain-text.js";

describe("plainText", () => {
  const singleLine = plainText();
  const multiLine = plainText({ multiline: true });

  it("accepts ordinary text of any script, trimmed", () => {
    expect(singleLine.parse("  Ada Lovelace  ")).toBe("Ada Lovelace");
    expect(singleLine.parse("Zoë Ωmega 東京 🙂")).toBe("Zoë Ωmega 東京 🙂");
  });

  it.each(["\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u009f", "\n", "\r", "\t"])(
    "refuses %j inside a single-line field",
    (character) => {
      const result = singleLine.safeParse(`Ada${character}Lovelace`);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("Remove control characters and line breaks");
    },
  );

  it("keeps line breaks and tabs in a multi-line field, but refuses NUL and other controls", () => {
    expect(multiLine.parse("Projector,\r\n\tplease.")).toBe("Projector,\r\n\tplease.");
    for (const character of ["\u0000", "\u0008", "\u001f", "\u007f", "\u0090"]) {
      expect(multiLine.safeParse(`Projector${character}`).success).toBe(false);
    }
  });

  it("names the field in the issue path of an object", () => {
    const result = z
      .object({ booking: z.object({ notes: plainText({ multiline: true }) }) })
      .safeParse({ booking: { notes: "a\u0000b" } });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["booking", "notes"]]);
  });

  it("keeps a custom message for a missing value", () => {
    expect(plainText({ error: "Name is required" }).safeParse(undefined).error?.issues[0]?.message).toBe("Name is required");
  });
});
