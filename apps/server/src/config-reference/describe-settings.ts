// Turns the config schema into the facts a reader needs per setting. Zod's own JSON Schema export does the
// walking (types, defaults, enums, ranges, descriptions); this only reads its answer in a reader's words.
import { isDeepStrictEqual } from "node:util";
import { type ZodObject, z } from "zod";

export interface SettingReference {
  name: string;
  /** e.g. "integer", "boolean", "URL", "one of" (see `allowed`). */
  type: string;
  /** Markdown: a value in backticks, "empty", what an unset setting means, or "unset". */
  defaultValue: string;
  /** The default as it would be written in the environment; undefined when none or worked out at start. */
  literalDefault: string | undefined;
  /** Whether an empty value is read as if the variable were unset (for numbers it reads as 0 instead). */
  emptyMeansUnset: boolean;
  /** Markdown, e.g. "1–500" or "`info`, `debug`"; empty when anything of the type goes. */
  allowed: string;
  /** Markdown, relative links resolved from docs/. Empty when config.ts gives none (the check fails). */
  description: string;
}

interface JsonSchemaProperty {
  type?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: JsonSchemaProperty[];
  description?: string;
  /** config.ts's own metadata: what an unset setting means when the default is worked out at start. */
  whenUnset?: string;
}

function propertiesOf(schema: ZodObject, io: "input" | "output"): Record<string, JsonSchemaProperty> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as { properties?: Record<string, JsonSchemaProperty> };
  return json.properties ?? {};
}

/** A union with "" (an empty value counts as unset) reads as its one real alternative. */
function withoutEmptyAlternative(property: JsonSchemaProperty): JsonSchemaProperty {
  const alternatives = (property.anyOf ?? []).filter((alternative) => alternative.const !== "");
  const [only] = alternatives;
  if (alternatives.length !== 1 || !only) return property;
  const { anyOf: _alternatives, ...rest } = property;
  return { ...only, ...rest };
}

const code = (value: unknown) => `\`${String(value)}\``;

function typeOf(property: JsonSchemaProperty): string {
  if (property.enum) return isBoolean(property.enum) ? "boolean" : "one of";
  if (property.format === "uri") return "URL";
  return property.type ?? "string";
}

function isBoolean(values: unknown[]): boolean {
  return values.length === 2 && values.includes("true") && values.includes("false");
}

function allowedOf(property: JsonSchemaProperty): string {
  if (property.enum) return property.enum.map(code).join(", ");
  const { minimum, maximum, minLength, maxLength } = property;
  if (minimum !== undefined && maximum !== undefined) return `${minimum}–${maximum}`;
  if (minimum !== undefined) return `≥ ${minimum}`;
  if (maximum !== undefined) return `≤ ${maximum}`;
  if (maxLength !== undefined) return `${minLength ?? 0}–${maxLength} characters`;
  if (minLength !== undefined && minLength > 0) return "not empty";
  return "";
}

function defaultOf(property: JsonSchemaProperty): string {
  if (property.default === "") return "empty";
  if (property.default !== undefined) return code(property.default);
  return property.whenUnset ?? "unset";
}

function readsEmptyAsUnset(setting: z.ZodType | undefined): boolean {
  if (!setting) return false;
  const empty = setting.safeParse("");
  const unset = setting.safeParse(undefined);
  return empty.success && unset.success && isDeepStrictEqual(empty.data, unset.data);
}

/** Every setting of `schema`, in the schema's order. */
export function describeSettings(schema: ZodObject): SettingReference[] {
  // The input side says what may be written; the output side adds what only a pipe's far end knows (a
  // default or a length limit behind a trimming step).
  const inputs = propertiesOf(schema, "input");
  const outputs = propertiesOf(schema, "output");
  return Object.keys(schema.shape).map((name) => {
    const property = withoutEmptyAlternative({ ...withoutEmptyAlternative(outputs[name] ?? {}), ...inputs[name] });
    return {
      name,
      type: typeOf(property),
      defaultValue: defaultOf(property),
      literalDefault: property.default === undefined ? undefined : String(property.default),
      emptyMeansUnset: readsEmptyAsUnset(schema.shape[name]),
      allowed: allowedOf(property),
      description: property.description ?? "",
    };
  });
}
