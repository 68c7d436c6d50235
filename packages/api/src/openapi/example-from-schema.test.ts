import { describe, expect, it } from "vitest";
import { exampleFromSchema, fieldExamples, type SchemaNode } from "./example-from-schema.js";

describe("examples made from a schema", () => {
  const components: Record<string, SchemaNode> = {
    Price: { type: "object", properties: { amount: { type: "integer", minimum: 0 }, currency: { type: "string" } } },
  };
  const sources = (byFieldName = new Map<string, unknown>()) => ({ components, byFieldName });

  it("uses the fields' own examples, defaults and enums, and follows references", () => {
    const schema: SchemaNode = {
      type: "object",
      properties: {
        name: { type: "string", example: "Meeting room A" },
        seats: { type: "integer", default: 1 },
        status: { type: "string", enum: ["held", "confirmed"] },
        price: { anyOf: [{ $ref: "#/components/schemas/Price" }, { type: "null" }] },
      },
    };
    expect(exampleFromSchema(schema, sources())).toEqual({
      name: "Meeting room A",
      seats: 1,
      status: "held",
      price: { amount: 1, currency: "example" },
    });
  });

  it("makes plausible values by format and bounds, and borrows a same-named field's example", () => {
    const schema: SchemaNode = {
      type: "object",
      properties: {
        start: { type: "string", format: "date-time" },
        id: { type: "string", format: "uuid" },
        count: { type: "integer", minimum: -9_007_199_254_740_991 },
        tiny: { type: "integer", minimum: 5, maximum: 9 },
        currency: { type: "string" },
        tags: { type: "array", items: { type: "string", minLength: 10 }, minItems: 2 },
      },
    };
    const example = exampleFromSchema(schema, sources(new Map([["currency", "EUR"]]))) as Record<string, unknown>;
    expect(example.start).toBe("2026-03-02T09:00:00.000Z");
    expect(example.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(example.count).toBe(1);
    expect(example.tiny).toBe(5);
    expect(example.currency).toBe("EUR");
    expect(example.tags).toEqual(["examplexxx", "examplexxx"]);
  });

  it("collects declared field examples from anywhere in a document, the first one winning", () => {
    const document = {
      a: { properties: { email: { type: "string", example: "ada@example.com" } } },
      b: [{ properties: { email: { example: "other@example.com" }, name: { example: "Ada" } } }],
    };
    expect(Object.fromEntries(fieldExamples(document))).toEqual({ email: "ada@example.com", name: "Ada" });
  });
});
