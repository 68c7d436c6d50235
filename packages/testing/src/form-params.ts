// Stripe's v1 API takes `application/x-www-form-urlencoded` bodies and query strings in bracket notation
// (`metadata[booking_id]=b1`, `line_items[0][price_data][unit_amount]=3000`, `expand[]=payment_intent`).
import qs from "qs";

export type FormParams = Record<string, unknown>;

/** Thrown when a body or query string cannot be decoded into parameters at all. */
export class FormDecodeError extends Error {}

const PARSE_OPTIONS: qs.IParseOptions = {
  // Stripe allows up to 100 line items and long `expand` lists; qs turns indices above arrayLimit into object keys.
  arrayLimit: 1000,
  depth: 10,
  parameterLimit: 10_000,
  // Refuse rather than silently flatten input deeper or larger than the limits, so it surfaces as an invalid request.
  strictDepth: true,
  throwOnLimitExceeded: true,
};

export function parseFormParams(text: string): FormParams {
  try {
    return { ...qs.parse(text, PARSE_OPTIONS) };
  } catch (error) {
    throw new FormDecodeError(error instanceof Error ? error.message : String(error));
  }
}

/** JSON with object keys sorted, so two requests with the same parameters in another order compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) => {
    if (nested === null || typeof nested !== "object" || Array.isArray(nested)) return nested;
    const entries = Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  });
}

/** Ajv reports `/requestBody/line_items/0/price_data`; Stripe names the same parameter `line_items[0][price_data]`. */
export function stripeParamName(segments: readonly string[]): string {
  const [first, ...rest] = segments;
  if (first === undefined) return "";
  return first + rest.map((segment) => `[${segment}]`).join("");
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function stringParam(params: FormParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === "string" ? value : undefined;
}

/** Validated bodies have been coerced against the schema, so integers arrive as numbers. */
export function integerParam(params: FormParams, name: string): number | undefined {
  const value = params[name];
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

export function recordParam(params: FormParams, name: string): Record<string, unknown> | undefined {
  const value = params[name];
  return isRecord(value) ? value : undefined;
}

export function stringRecordParam(params: FormParams, name: string): Record<string, string> | undefined {
  const value = recordParam(params, name);
  if (value === undefined) return undefined;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** `expand[0]=a`, `expand[]=a` and a bare `expand=a` all mean a list. */
export function stringListParam(params: FormParams, name: string): string[] {
  const value = params[name];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}
