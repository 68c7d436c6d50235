/** The parts of a JSON Schema (OpenAPI 3.1) an example is made from. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  format?: string;
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  pattern?: string;
}

/** What examples are made with: the document's schemas, and the field examples it declares anywhere, by name. */
export interface ExampleSources {
  components: Record<string, SchemaNode>;
  /** A field's declared example by its name (an attendee's `email` in a request lends it to the answer). */
  byFieldName: Map<string, unknown>;
}

// Plausible values by string format, for fields whose schema carries no example of its own.
const BY_FORMAT: Record<string, string> = {
  "date-time": "2026-03-02T09:00:00.000Z",
  date: "2026-03-02",
  email: "ada@example.com",
  uuid: "3f1c9a2e-8b7d-4c6e-9f0a-1b2c3d4e5f60",
  uri: "https://bookable.example.com/",
  url: "https://bookable.example.com/",
};
const MAX_DEPTH = 12;

/**
 * An example value for a schema, from the examples, defaults and enums its fields declare (the validators'
 * `.meta({ example })`), else a plausible value of its type. Every operation gets a request and a response
 * example this way, including the ones added later; Redocly's `no-invalid-media-type-examples` checks them.
 */
export function exampleFromSchema(schema: SchemaNode, sources: ExampleSources, fieldName?: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) return undefined;
  const next = (child: SchemaNode, name?: string) => exampleFromSchema(child, sources, name, depth + 1);
  if (schema.$ref) {
    const target = sources.components[schema.$ref.replace("#/components/schemas/", "")];
    return target ? next(target, fieldName) : undefined;
  }
  if (schema.example !== undefined) return schema.example;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const chosen = variants.find((variant) => variant.type !== "null") ?? variants[0];
    return chosen ? next(chosen, fieldName) : null;
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => next(part) as object));
  const type = Array.isArray(schema.type) ? (schema.type.find((name) => name !== "null") ?? "null") : schema.type;
  switch (type) {
    case "object":
    case undefined: {
      if (!schema.properties) return type === "object" ? {} : undefined;
      const example: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties)) {
        const value = next(property, name);
        if (value !== undefined) example[name] = value;
      }
      return example;
    }
    case "array": {
      const item = schema.items ? next(schema.items) : undefined;
      return item === undefined ? [] : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case "string":
      return borrowed(schema, fieldName, sources, "string") ?? stringExample(schema);
    case "integer":
    case "number":
      return borrowed(schema, fieldName, sources, "number") ?? numberExample(schema);
    case "boolean":
      return true;
    default:
      return null;
  }
}

/** A same-named field's declared example, when this field is a plain one of the same type (no format, enum or pattern). */
function borrowed(schema: SchemaNode, fieldName: string | undefined, sources: ExampleSources, type: "string" | "number") {
  if (fieldName === undefined || schema.format || schema.pattern || schema.enum) return undefined;
  const value = sources.byFieldName.get(fieldName);
  if (typeof value !== type) return undefined;
  if (typeof value === "number" && (value < (schema.minimum ?? value) || value > (schema.maximum ?? value))) return undefined;
  return value;
}

/** Every declared field example of a document, by field name (the first one found). */
export function fieldExamples(root: unknown): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const properties = (node as SchemaNode).properties;
    if (properties && typeof properties === "object") {
      for (const [name, property] of Object.entries(properties)) {
        if (property?.example !== undefined && !found.has(name)) found.set(name, property.example);
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(root);
  return found;
}

function stringExample(schema: SchemaNode): string {
  const byFormat = schema.format ? BY_FORMAT[schema.format] : undefined;
  if (byFormat) return byFormat;
  const text = "example";
  const long = text.padEnd(schema.minLength ?? 0, "x");
  return schema.maxLength !== undefined ? long.slice(0, Math.max(schema.maxLength, schema.minLength ?? 0)) : long;
}

// 1 where the bounds allow it (a count, an amount), else the nearest bound.
function numberExample(schema: SchemaNode): number {
  const lowest = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
  const highest = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  return Math.min(Math.max(1, lowest), highest);
}
